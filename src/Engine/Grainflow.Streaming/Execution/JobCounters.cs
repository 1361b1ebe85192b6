using System.Collections.Concurrent;

namespace Grainflow.Streaming.Execution;

/// <summary>Progress counters of a running job, updated by its tasks once per batch (thread-safe).</summary>
public sealed class JobCounters
{
    private readonly ConcurrentDictionary<string, OperatorCounters> _operators = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string SourceId, int Partition), long> _positions = new();
    private long _sourceRecords;
    private long _keyedRecords;

    /// <summary>Records read by every source task.</summary>
    public long SourceRecords => Interlocked.Read(ref _sourceRecords);

    /// <summary>Records processed by every keyed task.</summary>
    public long KeyedRecords => Interlocked.Read(ref _keyedRecords);

    /// <summary>The counters of operator <paramref name="operatorId"/>.</summary>
    public OperatorCounters For(string operatorId) => _operators.GetOrAdd(operatorId, static _ => new OperatorCounters());

    /// <summary>Where each source partition has read to.</summary>
    public IReadOnlyDictionary<(string SourceId, int Partition), long> SourcePositions => _positions;

    internal void AddSourceRecords(string sourceId, long read, long emitted)
    {
        Interlocked.Add(ref _sourceRecords, read);
        For(sourceId).Add(read, emitted);
    }

    internal void AddKeyedRecords(string operatorId, long processed, long emitted)
    {
        Interlocked.Add(ref _keyedRecords, processed);
        For(operatorId).Add(processed, emitted);
    }

    internal void SetSourcePosition(string sourceId, int partition, long position) => _positions[(sourceId, partition)] = position;
}
