using System.Diagnostics;
using Orleans.Streams;

namespace Grainflow.Benchmarks.StreamProviders;

/// <summary>
/// Runs one append configuration for a fixed time: its producers each await one append after another to their own
/// stream, from the client (loops on the thread pool) or from producer grains (one call each that loops inside the
/// grain; the warm-up activates them and the streams' partitions). Every completed call is entered in the ledger, which is checked against what the log holds at the end.
/// </summary>
internal static class AppendProbe
{
    /// <summary>The namespace of every appended stream: no consumer subscribes to it.</summary>
    public const string Namespace = "appends";

    public static async Task<AppendSample> MeasureAsync(
        IClusterClient client, AppendConfiguration configuration, int round, TimeSpan warmUp, TimeSpan duration, AppendLedger ledger)
    {
        // The warm-up appends to the same streams, so that their partitions (whose grains open the log on activation) are warm.
        await RunAsync(client, configuration, round, warmUp, ledger).ConfigureAwait(false);
        var processorBefore = Environment.CpuUsage.TotalTime;
        var started = Stopwatch.GetTimestamp();
        var result = await RunAsync(client, configuration, round, duration, ledger).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var processor = Environment.CpuUsage.TotalTime - processorBefore;
        return new AppendSample(configuration, result.Calls, result.Calls * configuration.EventsPerCall, elapsed, processor, result.QueueFullRetries);
    }

    private static async Task<ProducerResult> RunAsync(IClusterClient client, AppendConfiguration configuration, int round, TimeSpan duration, AppendLedger ledger)
    {
        var end = AppendLoop.Deadline(duration);
        var producers = Enumerable.Range(0, configuration.Producers).Select(async producer =>
        {
            var key = configuration.StreamKey(round, producer);
            var result = configuration.Origin == AppendOrigin.Client
                ? await Task.Run(() => AppendLoop.RunAsync(Stream(client, configuration.Provider, key), configuration.EventsPerCall, end, onGrainScheduler: false)).ConfigureAwait(false)
                : await client.GetGrain<IStreamProducerGrain>(configuration.ProducerGrainKey(producer))
                    .ProduceAsync(configuration.Provider, Namespace, key, configuration.EventsPerCall, duration).ConfigureAwait(false);
            ledger.Add(configuration.Provider, key, result.Calls, configuration.EventsPerCall);
            return result;
        });
        var results = await Task.WhenAll(producers).ConfigureAwait(false);
        return new ProducerResult(results.Sum(r => r.Calls), results.Sum(r => r.QueueFullRetries));
    }

    private static IAsyncStream<string> Stream(IClusterClient client, string provider, string key) =>
        client.GetStreamProvider(provider).GetStream<string>(StreamId.Create(Namespace, key));
}
