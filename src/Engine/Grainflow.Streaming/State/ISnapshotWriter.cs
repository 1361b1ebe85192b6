namespace Grainflow.Streaming.State;

/// <summary>
/// A built-in serializer's direct path into a <see cref="SnapshotOutput"/>, writing the same bytes as its
/// <see cref="IStateSerializer{T}.Write"/> without a <see cref="BinaryWriter"/> in between.
/// </summary>
internal interface ISnapshotWriter<in T>
{
    void Write(SnapshotOutput output, T value);
}
