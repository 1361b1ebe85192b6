namespace Grainflow.Streaming.Execution;

/// <summary>One task's progress counters. Updated and read on the task's own turns only.</summary>
public sealed class TaskCounters
{
    /// <summary>Records taken in (for a source task: records read).</summary>
    public long RecordsIn { get; private set; }

    /// <summary>Records emitted after the task's chained operators.</summary>
    public long RecordsOut { get; private set; }

    /// <summary>For a source task, the offset it has read to; -1 otherwise.</summary>
    public long Position { get; internal set; } = -1;

    internal void Add(long recordsIn, long recordsOut)
    {
        RecordsIn += recordsIn;
        RecordsOut += recordsOut;
    }
}
