namespace Grainflow.Benchmarks.Streaming.Idiomatic;

/// <summary>The persisted state of <see cref="WordCounterGrain"/>.</summary>
[GenerateSerializer]
public sealed class WordCounterState
{
    [Id(0)]
    public long Count { get; set; }
}
