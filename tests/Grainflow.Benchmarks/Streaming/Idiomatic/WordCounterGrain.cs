namespace Grainflow.Benchmarks.Streaming.Idiomatic;

/// <summary>
/// The idiomatic Orleans counter: state in <see cref="IPersistentState{TState}"/>, written before the call returns
/// (so a count the caller saw survives the grain's deactivation), on the grain storage named <see cref="StorageName"/>.
/// </summary>
internal sealed class WordCounterGrain([PersistentState("count", WordCounterGrain.StorageName)] IPersistentState<WordCounterState> count) : Grain, IWordCounterGrain
{
    /// <summary>The grain storage provider the counts are kept in.</summary>
    public const string StorageName = "word-counts";

    public async Task<long> IncrementAsync()
    {
        count.State.Count++;
        await count.WriteStateAsync();
        return count.State.Count;
    }
}
