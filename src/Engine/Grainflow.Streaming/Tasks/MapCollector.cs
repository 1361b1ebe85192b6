using Grainflow.Streaming.Api;

namespace Grainflow.Streaming.Tasks;

/// <summary>A chained map: one call per record, no allocation of its own.</summary>
internal sealed class MapCollector<TIn, TOut>(Func<TIn, TOut> map, ICollector<TOut> next) : ICollector<TIn>
{
    public void Collect(TIn record) => next.Collect(map(record));
}
