using Grainflow.Streaming.Api;

namespace Grainflow.Streaming.Tasks;

/// <summary>A chained map: one call per record, no allocation of its own.</summary>
internal sealed class MapCollector<TIn, TOut>(Func<TIn, TOut> map, ICollector<TOut> next) : ICollector<TIn>
{
    public void Collect(TIn record) => next.Collect(map(record));
}

/// <summary>A chained filter.</summary>
internal sealed class FilterCollector<T>(Func<T, bool> predicate, ICollector<T> next) : ICollector<T>
{
    public void Collect(T record)
    {
        if (predicate(record))
        {
            next.Collect(record);
        }
    }
}

/// <summary>A chained flat map: the function emits any number of records into the next collector.</summary>
internal sealed class FlatMapCollector<TIn, TOut>(Action<TIn, ICollector<TOut>> flatMap, ICollector<TOut> next) : ICollector<TIn>
{
    public void Collect(TIn record) => flatMap(record, next);
}

/// <summary>Counts the records that pass, for progress reporting.</summary>
internal sealed class CountingCollector<T>(ICollector<T> next) : ICollector<T>
{
    public long Count { get; private set; }

    public void Collect(T record)
    {
        Count++;
        next.Collect(record);
    }
}
