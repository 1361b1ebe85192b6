using Grainflow.Streaming.State;

namespace Grainflow.Streaming.Api;

/// <summary>
/// The user's per-key logic of a keyed operator, in the style of Flink's KeyedProcessFunction. One instance
/// serves every key of one operator task; the task calls it from its turns only, so it needs no locking.
/// State is reached through handles obtained in <see cref="Open"/>; they read and write the current key's value.
/// </summary>
public abstract class KeyedProcessFunction<TKey, TIn, TOut>
    where TKey : notnull
{
    /// <summary>Called once per task before any record or restore: register state here.</summary>
    public virtual void Open(KeyedStateBackend<TKey> state)
    {
    }

    /// <summary>Processes one record; <see cref="KeyedContext{TKey,TOut}.CurrentKey"/> is its key.</summary>
    public abstract void ProcessElement(TIn value, KeyedContext<TKey, TOut> context);

    /// <summary>A processing-time timer registered for the current key fired.</summary>
    public virtual void OnTimer(DateTimeOffset timestamp, KeyedContext<TKey, TOut> context)
    {
    }
}
