namespace Grainflow.Streaming.Api;

/// <summary>Receives the records an operator emits. Synchronous and allocation-free on the hot path.</summary>
public interface ICollector<in T>
{
    /// <summary>Emits <paramref name="record"/> downstream.</summary>
    void Collect(T record);
}
