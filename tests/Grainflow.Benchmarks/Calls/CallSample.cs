namespace Grainflow.Benchmarks.Calls;

/// <summary>One timed run of concurrent callers: calls made, wall time, bytes allocated by the whole process meanwhile, and the calls of its warm-up.</summary>
internal sealed record CallSample(int Callers, long Calls, TimeSpan Elapsed, long AllocatedBytes, long WarmUpCalls)
{
    /// <summary>Wall time per call: with several callers, the cost of a call to the silo as a whole (inverse throughput).</summary>
    public double MicrosecondsPerCall => Elapsed.TotalMicroseconds / Calls;

    /// <summary>How long one caller waited for each of its calls, on average.</summary>
    public double CallerLatencyMicroseconds => Elapsed.TotalMicroseconds * Callers / Calls;

    public double BytesPerCall => AllocatedBytes / (double)Calls;
}
