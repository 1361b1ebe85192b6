namespace Grainflow.Benchmarks.StreamProviders;

/// <summary>One job run over the pre-filled stream: lines and words counted, from the start call until the counting tasks took in every word.</summary>
internal sealed record DrainSample(long Lines, long Words, TimeSpan Elapsed, int Checkpoints)
{
    public double LinesPerSecond => Lines / Elapsed.TotalSeconds;

    public double WordsPerSecond => Words / Elapsed.TotalSeconds;
}
