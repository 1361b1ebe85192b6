using Grainflow.Benchmarks.Harness;
using Grainflow.Grains.Streaming;
using Grainflow.Streams.Log.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Grainflow.Benchmarks.StreamProviders;

/// <summary>
/// <c>streams [--quick]</c>: events appended through the standard stream API to the Grainflow log provider (durable
/// acknowledgement, group commit and per-append sync) and to Orleans' memory streams, from a client through the
/// gateway and from grains, in one silo, configurations interleaved; then delivery of a pre-filled provider to
/// subscribed grains, and how fast the wordcount job drains a pre-filled stream. Exits 0 whatever the figures;
/// non-zero when a probe's outcome is not exact.
/// </summary>
internal static class StreamsHarness
{
    public const string Mode = "streams";

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        if (!StreamsOptions.TryParse(args, out var options))
        {
            await Console.Error.WriteLineAsync(StreamsOptions.Usage).ConfigureAwait(false);
            return 1;
        }

        var optimized = BuildCheck.IsOptimized(typeof(StreamsHarness).Assembly, typeof(SourceTaskGrain).Assembly, typeof(LogStreamStore).Assembly, typeof(Grain).Assembly);
        if (!optimized && !options.Quick)
        {
            await Console.Error.WriteLineAsync("Built without optimizations; run with -c Release.").ConfigureAwait(false);
            return 2;
        }

        Console.WriteLine($"Grainflow streams harness{(options.Quick ? " (quick smoke run: figures are indicative only)" : "")}: {BuildCheck.Describe(optimized)}.");
        var figures = await MeasureAsync(options).ConfigureAwait(false);
        Console.WriteLine();
        Console.Write(ResultTable.Format(figures));
        Console.WriteLine();
        Console.WriteLine($"Harness ran in {Progress.Elapsed.TotalSeconds:0.0} s; load average at the end {BuildCheck.LoadAverage()}.");
        return 0;
    }

    /// <summary>Runs every probe on one silo and its client; returns the figures (also used by <c>all</c>).</summary>
    public static async Task<IReadOnlyList<Figure>> MeasureAsync(StreamsOptions options)
    {
        using var scratch = new ScratchDirectory("streams");
        var providers = scratch.Sub("providers");
        await using var silo = await BenchmarkSilo.StartAsync(s => BenchProviders.AddTo(s, providers)).ConfigureAwait(false);
        await using var connection = await BenchmarkClient.ConnectAsync(silo.GatewayPort, c => BenchProviders.AddTo(c)).ConfigureAwait(false);
        var client = connection.Client;

        var appends = await MeasureAppendsAsync(client, options).ConfigureAwait(false);
        await CheckStoredAsync(silo, providers, appends.Ledger).ConfigureAwait(false);

        Progress.Write($"Filling a Grainflow and a memory provider whose pulling agents are stopped with {options.DeliveryEvents:#,0} events each...");
        var grainflowFill = await DeliveryProbe.FillAsync(client, BenchProviders.GrainflowDelivery, options.DeliveryEvents).ConfigureAwait(false);
        var memoryFill = await DeliveryProbe.FillAsync(client, BenchProviders.MemoryDelivery, options.DeliveryEvents).ConfigureAwait(false);
        var grainflowDelivery = await DeliveryProbe.DeliverAsync(client, BenchProviders.GrainflowDelivery, grainflowFill).ConfigureAwait(false);
        Progress.Write($"  Grainflow log to subscribed grains: {grainflowDelivery.EventsPerSecond:#,0} events/s, {grainflowDelivery.EventsPerDelivery:0} events per delivery, each stream's events received exactly");
        var memoryDelivery = await DeliveryProbe.DeliverAsync(client, BenchProviders.MemoryDelivery, memoryFill).ConfigureAwait(false);
        Progress.Write($"  memory streams to subscribed grains: {memoryDelivery.EventsPerSecond:#,0} events/s, {memoryDelivery.EventsPerDelivery:0} events per delivery, each stream's events received exactly");

        var input = DrainInput.Create(options.DrainLines, seed: 20_261_201);
        Progress.Write($"Filling a stream namespace with {input.Lines.Count:#,0} lines ({input.Words:#,0} words) for the job...");
        await DrainProbe.FillAsync(client, input).ConfigureAwait(false);
        var drains = new List<DrainSample>();
        for (var round = 1; round <= options.DrainRounds; round++)
        {
            var sample = await DrainProbe.RunAsync(silo.GrainFactory, input, scratch.NewSub("drain"), round).ConfigureAwait(false);
            drains.Add(sample);
            Progress.Write($"  run {round}/{options.DrainRounds}: {sample.LinesPerSecond:#,0} lines/s, {sample.WordsPerSecond:#,0} words/s, {sample.Checkpoints} checkpoint(s) completed meanwhile; committed output exact");
        }

        return [.. StreamsFigures.Appends(appends.Samples, options.Rounds), .. StreamsFigures.Delivery(grainflowDelivery, memoryDelivery), .. StreamsFigures.Drain(drains)];
    }

    private static async Task<(List<AppendSample> Samples, AppendLedger Ledger)> MeasureAppendsAsync(IClusterClient client, StreamsOptions options)
    {
        var ledger = new AppendLedger();
        var samples = new List<AppendSample>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            // The order alternates between rounds so that drift of the machine favours no configuration.
            var order = round % 2 == 1 ? AppendConfiguration.All : AppendConfiguration.All.Reverse();
            foreach (var configuration in order)
            {
                var sample = await AppendProbe.MeasureAsync(client, configuration, round, options.WarmUp, options.Duration, ledger).ConfigureAwait(false);
                samples.Add(sample);
                Progress.Write(
                    $"  round {round}/{options.Rounds}, {configuration}: {sample.EventsPerSecond:#,0} events/s, " +
                    $"{sample.Calls / sample.Elapsed.TotalSeconds:#,0} calls/s, {sample.ProcessorMicrosecondsPerEvent:0.00} µs processor/event" +
                    (sample.QueueFullRetries > 0 ? $", {sample.QueueFullRetries:#,0} appends refused by a full queue and retried" : ""));
            }
        }

        return (samples, ledger);
    }

    // Durable means stored: every append that completed must be in its partition once, and nothing else.
    private static async Task CheckStoredAsync(BenchmarkSilo silo, string providers, AppendLedger ledger)
    {
        var serializer = silo.Services.GetRequiredService<Serializer<LogStreamPayload>>();
        foreach (var provider in new[] { BenchProviders.GroupCommit, BenchProviders.PerAppend })
        {
            var appended = ledger.For(provider);
            var stored = await StoredStreams.CountAsync(BenchProviders.Directory(providers, provider), AppendProbe.Namespace, serializer).ConfigureAwait(false);
            if (StoredStreams.FindDifference(appended, stored) is { } difference)
            {
                throw new InvalidOperationException($"{provider}: {difference}.");
            }

            Progress.Write($"Read back {provider}: {appended.Values.Sum(c => c.Records):#,0} records of {appended.Values.Sum(c => c.Events):#,0} events in {appended.Count} streams, each stored exactly once.");
        }
    }
}
