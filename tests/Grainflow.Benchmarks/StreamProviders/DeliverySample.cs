namespace Grainflow.Benchmarks.StreamProviders;

/// <summary>Delivery of a pre-filled provider to its subscribed grains: events, delivery calls, and the time from the first delivery to the last.</summary>
internal sealed record DeliverySample(string Provider, long Events, long Deliveries, TimeSpan Window)
{
    public double EventsPerSecond => Events / Window.TotalSeconds;

    public double EventsPerDelivery => (double)Events / Deliveries;
}
