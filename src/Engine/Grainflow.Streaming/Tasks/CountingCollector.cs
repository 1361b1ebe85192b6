using Grainflow.Streaming.Api;

namespace Grainflow.Streaming.Tasks;

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
