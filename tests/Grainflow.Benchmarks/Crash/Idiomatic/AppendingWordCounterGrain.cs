using Grainflow.Benchmarks.Streaming.Idiomatic;

namespace Grainflow.Benchmarks.Crash.Idiomatic;

/// <summary>
/// The idiomatic counter with its output: the count in <see cref="IPersistentState{TState}"/> on the grain storage
/// named <see cref="StorageName"/>, written before the line is appended, so every line in the output is a count the
/// storage had accepted.
/// </summary>
internal sealed class AppendingWordCounterGrain(
    [PersistentState("count", AppendingWordCounterGrain.StorageName)] IPersistentState<WordCounterState> count,
    WordCountOutputFile output) : Grain, IAppendingWordCounterGrain
{
    /// <summary>The grain storage provider the counts are kept in.</summary>
    public const string StorageName = "word-counts";

    public async Task IncrementAsync()
    {
        count.State.Count++;
        await count.WriteStateAsync();
        output.Append(this.GetPrimaryKeyString(), count.State.Count);
    }
}
