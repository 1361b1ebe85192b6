namespace Grainflow.Benchmarks.Streaming;

/// <summary>One pair of child processes: peak working sets and live managed heaps of the engine and of the plain dictionary.</summary>
internal sealed record MemorySample(
    long EnginePeakBytes,
    long EngineHeapBytes,
    double EngineWordsPerSecond,
    JobCheckpointFigures EngineCheckpoints,
    double EngineGcPauseMs,
    int EngineGen2Collections,
    long BaselinePeakBytes,
    long BaselineHeapBytes)
{
    public double Ratio => EnginePeakBytes / (double)BaselinePeakBytes;
}
