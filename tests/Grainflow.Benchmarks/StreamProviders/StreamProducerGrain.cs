namespace Grainflow.Benchmarks.StreamProviders;

/// <summary>Appends with the standard stream API from grain turns, each append awaited before the next.</summary>
internal sealed class StreamProducerGrain : Grain, IStreamProducerGrain
{
    public Task<ProducerResult> ProduceAsync(string provider, string streamNamespace, string streamKey, int eventsPerCall, TimeSpan duration)
    {
        var stream = this.GetStreamProvider(provider).GetStream<string>(StreamId.Create(streamNamespace, streamKey));
        return AppendLoop.RunAsync(stream, eventsPerCall, AppendLoop.Deadline(duration), onGrainScheduler: true);
    }
}
