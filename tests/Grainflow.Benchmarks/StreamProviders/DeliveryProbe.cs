using System.Diagnostics;
using Orleans.Providers.Streams.Common;

namespace Grainflow.Benchmarks.StreamProviders;

/// <summary>
/// Delivery to subscribed grains through Orleans' pulling agents: a provider whose agents are stopped is filled from
/// the client (16 streams, appends of <see cref="StreamsOptions.EventsPerBatch"/> lines), then its agents are started
/// and the implicit subscribers (<see cref="CountingConsumerGrain"/>, one per stream) are polled until they received
/// every event. Each stream's consumer must receive exactly what was appended to it.
/// </summary>
internal static class DeliveryProbe
{
    private const int Streams = 16;
    private static readonly TimeSpan s_deadline = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan s_pollPeriod = TimeSpan.FromMilliseconds(50);

    /// <summary>Appends about <paramref name="events"/> events (whole batches per stream) to <paramref name="provider"/>; returns the events appended per stream key.</summary>
    public static async Task<Dictionary<string, long>> FillAsync(IClusterClient client, string provider, int events)
    {
        var callsPerStream = Math.Max(1, events / Streams / StreamsOptions.EventsPerBatch);
        var keys = Enumerable.Range(0, Streams).Select(s => $"{provider}-s{s}").ToArray();
        await Task.WhenAll(keys.Select(key => Task.Run(async () =>
        {
            var stream = client.GetStreamProvider(provider).GetStream<string>(StreamId.Create(CountingConsumerGrain.Namespace, key));
            for (var call = 0; call < callsPerStream; call++)
            {
                await stream.OnNextBatchAsync(AppendLines.Batch(call)).ConfigureAwait(false);
            }
        }))).ConfigureAwait(false);
        return keys.ToDictionary(k => k, _ => (long)callsPerStream * StreamsOptions.EventsPerBatch, StringComparer.Ordinal);
    }

    /// <summary>Starts the provider's agents and waits until every stream's consumer received what <paramref name="appended"/> says.</summary>
    public static async Task<DeliverySample> DeliverAsync(IClusterClient client, string provider, IReadOnlyDictionary<string, long> appended)
    {
        await client.GetGrain<IManagementGrain>(0)
            .SendControlCommandToProvider<PersistentStreamProvider>(provider, (int)PersistentStreamProviderCommand.StartAgents).ConfigureAwait(false);
        var expected = appended.Values.Sum();
        var deadline = Stopwatch.GetTimestamp() + (long)(s_deadline.TotalSeconds * Stopwatch.Frequency);
        using var poll = new PeriodicTimer(s_pollPeriod);
        while (true)
        {
            var counts = await Task.WhenAll(appended.Keys.Select(k => client.GetGrain<ICountingConsumerGrain>(k).GetAsync())).ConfigureAwait(false);
            var received = counts.Sum(c => c.Events);
            if (received >= expected || Stopwatch.GetTimestamp() > deadline)
            {
                return Check(provider, appended, counts, received, expected);
            }

            await poll.WaitForNextTickAsync().ConfigureAwait(false);
        }
    }

    private static DeliverySample Check(string provider, IReadOnlyDictionary<string, long> appended, ConsumerCount[] counts, long received, long expected)
    {
        var keys = appended.Keys.ToArray();
        for (var i = 0; i < keys.Length; i++)
        {
            if (counts[i].Events != appended[keys[i]])
            {
                throw new InvalidOperationException(
                    $"{provider}: the consumer of '{keys[i]}' received {counts[i].Events:#,0} events; {appended[keys[i]]:#,0} were appended ({received:#,0} of {expected:#,0} in all).");
            }
        }

        var window = Stopwatch.GetElapsedTime(counts.Min(c => c.FirstDelivery), counts.Max(c => c.LastDelivery));
        return new DeliverySample(provider, received, counts.Sum(c => c.Deliveries), window);
    }
}
