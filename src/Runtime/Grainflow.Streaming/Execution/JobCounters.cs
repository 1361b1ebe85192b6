namespace Grainflow.Streaming.Execution;

/// <summary>Progress counters of a running job, updated by its tasks (thread-safe).</summary>
public sealed class JobCounters
{
    private long _sourceRecords;
    private long _keyedRecords;

    /// <summary>Records read by every source task.</summary>
    public long SourceRecords => Interlocked.Read(ref _sourceRecords);

    /// <summary>Records processed by every keyed task.</summary>
    public long KeyedRecords => Interlocked.Read(ref _keyedRecords);

    internal void AddSourceRecords(long count) => Interlocked.Add(ref _sourceRecords, count);

    internal void AddKeyedRecords(long count) => Interlocked.Add(ref _keyedRecords, count);
}
