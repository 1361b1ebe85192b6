namespace Grainflow.Benchmarks.StreamProviders;

/// <summary>A consumer subscribed (implicitly) to a stream of <see cref="CountingConsumerGrain.Namespace"/>, keyed as its stream.</summary>
public interface ICountingConsumerGrain : IGrainWithStringKey
{
    Task<ConsumerCount> GetAsync();
}

/// <summary>
/// What a consumer received: events, delivery calls, and the <see cref="System.Diagnostics.Stopwatch"/> timestamps of
/// its first and last delivery (the harness runs in the silo's process, so they compare with its own).
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record ConsumerCount([property: Id(0)] long Events, [property: Id(1)] long Deliveries, [property: Id(2)] long FirstDelivery, [property: Id(3)] long LastDelivery);
