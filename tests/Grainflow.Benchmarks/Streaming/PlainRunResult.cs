namespace Grainflow.Benchmarks.Streaming;

/// <summary>One run of the plain single-threaded loop.</summary>
internal sealed record PlainRunResult(TimeSpan Elapsed, TimeSpan CpuTime, long Words, long OutputBytes)
{
    public double WordsPerSecond => Words / Elapsed.TotalSeconds;

    public double CpuNanosecondsPerWord => CpuTime.TotalNanoseconds / Words;
}
