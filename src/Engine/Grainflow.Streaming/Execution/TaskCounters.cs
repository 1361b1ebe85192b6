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

    /// <summary>Whether the task is waiting for credit from its receivers now (back pressure): it takes no input meanwhile.</summary>
    public bool IsBackPressured { get; private set; }

    /// <summary>How many times the task had to wait for credit from its receivers.</summary>
    public long BackPressureWaits { get; private set; }

    /// <summary>For a keyed task, the most batches one input channel held at once, received and not processed yet.</summary>
    public int PeakBufferedBatches { get; internal set; }

    internal void Add(long recordsIn, long recordsOut)
    {
        RecordsIn += recordsIn;
        RecordsOut += recordsOut;
    }

    internal void EnterBackPressure()
    {
        if (!IsBackPressured)
        {
            IsBackPressured = true;
            BackPressureWaits++;
        }
    }

    internal void ExitBackPressure() => IsBackPressured = false;
}
