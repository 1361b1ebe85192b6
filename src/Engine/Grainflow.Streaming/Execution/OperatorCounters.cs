namespace Grainflow.Streaming.Execution;

/// <summary>Records in and out of one operator, summed over its tasks (thread-safe).</summary>
public sealed class OperatorCounters
{
    private long _in;
    private long _out;

    /// <summary>Records taken in (for a source: records read).</summary>
    public long RecordsIn => Interlocked.Read(ref _in);

    /// <summary>Records emitted after the operator's chain.</summary>
    public long RecordsOut => Interlocked.Read(ref _out);

    internal void Add(long recordsIn, long recordsOut)
    {
        Interlocked.Add(ref _in, recordsIn);
        Interlocked.Add(ref _out, recordsOut);
    }
}
