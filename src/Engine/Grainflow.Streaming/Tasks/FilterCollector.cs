using Grainflow.Streaming.Api;

namespace Grainflow.Streaming.Tasks;

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
