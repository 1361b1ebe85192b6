using Grainflow.Streaming.State;

namespace Grainflow.Streaming.Api;

/// <summary>What a keyed process function sees while it handles one record or timer.</summary>
public sealed class KeyedContext<TKey, TOut>
    where TKey : notnull
{
    private readonly KeyedStateBackend<TKey> _state;
    private readonly TimeProvider _timeProvider;
    private ICollector<TOut> _output;

    internal KeyedContext(KeyedStateBackend<TKey> state, ICollector<TOut> output, TimeProvider timeProvider)
    {
        _state = state;
        _output = output;
        _timeProvider = timeProvider;
    }

    /// <summary>The key of the record or timer being processed.</summary>
    public TKey CurrentKey => _state.CurrentKey;

    /// <summary>The silo's current time.</summary>
    public DateTimeOffset CurrentProcessingTime => _timeProvider.GetUtcNow();

    /// <summary>Emits a record downstream.</summary>
    public void Emit(TOut record) => _output.Collect(record);

    /// <summary>Registers a processing-time timer for the current key; registering the same time twice fires once.</summary>
    public void RegisterProcessingTimeTimer(DateTimeOffset time) => _state.Timers.Register(_state.CurrentKey, time.UtcTicks);

    /// <summary>Deletes a processing-time timer of the current key.</summary>
    public void DeleteProcessingTimeTimer(DateTimeOffset time) => _state.Timers.Delete(_state.CurrentKey, time.UtcTicks);

    internal void SetOutput(ICollector<TOut> output) => _output = output;
}
