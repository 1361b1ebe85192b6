using Grainflow.Streaming.Api;
using Grainflow.Streaming.State;

namespace Grainflow.Grains.WordCount;

/// <summary>Counts each word's occurrences in keyed state and emits the running count for every occurrence.</summary>
public sealed class RunningCountFunction : KeyedProcessFunction<string, string, WordCountLine>
{
    private ValueState<long>? _count;

    public override void Open(KeyedStateBackend<string> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        _count = state.GetValueState<long>(WordCountJob.CountStateName);
    }

    public override void ProcessElement(string value, KeyedContext<string, WordCountLine> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var count = _count!.Apply(static previous => previous + 1);
        context.Emit(new WordCountLine(value, count));
    }
}
