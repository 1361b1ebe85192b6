namespace Grainflow.Benchmarks.Crash.Idiomatic;

/// <summary>
/// One word's count in the idiomatic wordcount the kill harness crashes: a grain per word (its key) that also
/// writes the output, as an Orleans application would without a sink of its own.
/// </summary>
public interface IAppendingWordCounterGrain : IGrainWithStringKey
{
    /// <summary>Counts one more occurrence, persists the count, and appends "word&lt;TAB&gt;count" to the output file.</summary>
    Task IncrementAsync();
}
