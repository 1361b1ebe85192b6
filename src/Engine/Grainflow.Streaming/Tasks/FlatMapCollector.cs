using Grainflow.Streaming.Api;

namespace Grainflow.Streaming.Tasks;

/// <summary>A chained flat map: the function emits any number of records into the next collector.</summary>
internal sealed class FlatMapCollector<TIn, TOut>(Action<TIn, ICollector<TOut>> flatMap, ICollector<TOut> next) : ICollector<TIn>
{
    public void Collect(TIn record) => flatMap(record, next);
}
