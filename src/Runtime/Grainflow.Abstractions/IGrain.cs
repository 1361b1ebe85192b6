namespace Grainflow;

/// <summary>
/// Marker for grain interfaces. Grain interfaces derive from one of the keyed variants
/// (<see cref="IGrainWithStringKey"/>, <see cref="IGrainWithIntegerKey"/>, <see cref="IGrainWithGuidKey"/>);
/// every method returns <see cref="Task"/> or <see cref="Task{TResult}"/>, and the code generator writes a
/// grain reference class for each such interface at compile time.
/// </summary>
public interface IGrain;
