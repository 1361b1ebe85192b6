namespace Grainflow.Benchmarks.Streaming.Idiomatic;

/// <summary>One word's count, as an Orleans user would model wordcount without Grainflow: a grain per word (its key).</summary>
public interface IWordCounterGrain : IGrainWithStringKey
{
    /// <summary>Counts one more occurrence, persists the count, and returns it.</summary>
    Task<long> IncrementAsync();
}
