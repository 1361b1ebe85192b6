namespace Grainflow.Streaming.State;

/// <summary>An immutable capture of one state table, taken at a barrier and written out later, off the task's turn.</summary>
internal interface IStateTableSnapshot
{
    string Name { get; }

    int Count { get; }

    void WriteTo(SnapshotOutput output);

    /// <summary>Gives back what the capture borrowed; the snapshot cannot be written afterwards.</summary>
    void Release();
}
