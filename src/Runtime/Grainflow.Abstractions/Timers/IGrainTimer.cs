namespace Grainflow.Timers;

/// <summary>
/// A timer owned by one activation. Its callbacks run as turns of that activation (so they never overlap
/// grain code), the next tick is scheduled only after the callback's task completes, and the timer is disposed
/// with the activation. Dispose it to stop it earlier.
/// </summary>
public interface IGrainTimer : IDisposable
{
    /// <summary>Changes when the timer fires next and its period (<see cref="Timeout.InfiniteTimeSpan"/> for a single shot).</summary>
    void Change(TimeSpan dueTime, TimeSpan period);
}
