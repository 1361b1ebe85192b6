namespace Grainflow.Benchmarks.StreamProviders;

/// <summary>A producer inside the silo: appends to one stream in a loop, as application grains do.</summary>
public interface IStreamProducerGrain : IGrainWithStringKey
{
    /// <summary>Appends to the stream (<paramref name="provider"/>, <paramref name="streamNamespace"/>, <paramref name="streamKey"/>) for <paramref name="duration"/>; returns what it did.</summary>
    Task<ProducerResult> ProduceAsync(string provider, string streamNamespace, string streamKey, int eventsPerCall, TimeSpan duration);
}
