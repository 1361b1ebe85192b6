using Grainflow.Benchmarks.Harness;

namespace Grainflow.Benchmarks.Calls;

/// <summary>
/// <c>calls [--quick]</c>: what a grain call carrying a 256-record batch costs on Orleans when the batch is
/// <see cref="ImmutableAttribute"/> (passed by reference) and when it is not (deep-copied), with 1 and 32
/// concurrent callers, in one silo. Configurations alternate within each round; figures are medians of rounds.
/// </summary>
internal static class CallHarness
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        if (!CallOptions.TryParse(args, out var options))
        {
            await Console.Error.WriteLineAsync(CallOptions.Usage).ConfigureAwait(false);
            return 1;
        }

        var optimized = BuildCheck.IsOptimized(typeof(CallHarness).Assembly, typeof(Grain).Assembly);
        if (!optimized && !options.Quick)
        {
            await Console.Error.WriteLineAsync("Built without optimizations; run with -c Release.").ConfigureAwait(false);
            return 2;
        }

        Console.WriteLine($"Grain call harness{(options.Quick ? " (quick smoke run: figures are indicative only)" : "")}: {BuildCheck.Describe(optimized)}.");
        var figures = await MeasureAsync(options).ConfigureAwait(false);
        Console.WriteLine();
        Console.Write(ResultTable.Format(figures));
        Console.WriteLine();
        Console.WriteLine($"Harness ran in {Progress.Elapsed.TotalSeconds:0.0} s; load average at the end {BuildCheck.LoadAverage()}.");
        return 0;
    }

    /// <summary>Runs every configuration and returns the figures (also used by <c>all</c>).</summary>
    public static async Task<IReadOnlyList<Figure>> MeasureAsync(CallOptions options)
    {
        await using var silo = await BenchmarkSilo.StartAsync().ConfigureAwait(false);
        var callers = CallOptions.CallerCounts.Max();
        var grains = Enumerable.Range(0, callers).Select(i => silo.GrainFactory.GetGrain<IBatchSinkGrain>(i)).ToArray();
        await Task.WhenAll(grains.Select(g => g.GetRecordCountAsync())).ConfigureAwait(false);
        var (immutable, copied) = WordBatches.Create(seed: 1);
        await CheckCopySemanticsAsync(grains[0], immutable, copied).ConfigureAwait(false);

        Func<IBatchSinkGrain, Task> sendImmutable = g => g.PushAsync(immutable);
        Func<IBatchSinkGrain, Task> sendCopied = g => g.PushAsync(copied);
        var samples = new List<(bool Immutable, CallSample Sample)>();
        long expectedRecords = 2 * WordBatches.Size;
        for (var round = 1; round <= options.Rounds; round++)
        {
            foreach (var count in CallOptions.CallerCounts)
            {
                // The order alternates between rounds so that drift of the machine favours neither kind.
                foreach (var isImmutable in round % 2 == 1 ? new[] { true, false } : [false, true])
                {
                    var sample = await CallProbe.MeasureAsync(grains, count, isImmutable ? sendImmutable : sendCopied, options.WarmUp, options.Duration)
                        .ConfigureAwait(false);
                    expectedRecords += (sample.Calls + sample.WarmUpCalls) * WordBatches.Size;
                    samples.Add((isImmutable, sample));
                    Progress.Write(
                        $"  round {round}/{options.Rounds}, {count,2} caller(s), {(isImmutable ? "[Immutable]" : "copied     ")}: " +
                        $"{sample.MicrosecondsPerCall:0.00} µs/call, {sample.Calls / sample.Elapsed.TotalSeconds:#,0} calls/s, {sample.BytesPerCall:#,0} B/call");
                }
            }
        }

        var received = (await Task.WhenAll(grains.Select(g => g.GetRecordCountAsync())).ConfigureAwait(false)).Sum();
        if (received != expectedRecords)
        {
            throw new InvalidOperationException($"The grains received {received:#,0} records; {expectedRecords:#,0} were sent.");
        }

        return Summarize(samples, options);
    }

    // Orleans copies what is not immutable even inside one silo; if that ever changes, the comparison measures nothing.
    private static async Task CheckCopySemanticsAsync(IBatchSinkGrain grain, ImmutableWordBatch immutable, CopiedWordBatch copied)
    {
        await grain.PushAsync(immutable).ConfigureAwait(false);
        await grain.PushAsync(copied).ConfigureAwait(false);
        if (!ReferenceEquals(BatchSinkGrain.LastImmutable, immutable) || ReferenceEquals(BatchSinkGrain.LastCopied, copied) || BatchSinkGrain.LastCopied is null)
        {
            throw new InvalidOperationException("Orleans did not pass the [Immutable] batch by reference and copy the other one: the comparison would not measure copying.");
        }
    }

    private static List<Figure> Summarize(List<(bool Immutable, CallSample Sample)> samples, CallOptions options)
    {
        var figures = new List<Figure>();
        var rounds = options.Rounds == 1 ? "1 round" : $"median of {options.Rounds} rounds";
        foreach (var count in CallOptions.CallerCounts)
        {
            var immutable = samples.Where(s => s.Immutable && s.Sample.Callers == count).Select(s => s.Sample).ToList();
            var copied = samples.Where(s => !s.Immutable && s.Sample.Callers == count).Select(s => s.Sample).ToList();
            var who = count == 1 ? "1 caller" : $"{count} callers";
            figures.Add(Figure.Info($"Call with a {WordBatches.Size}-record [Immutable] batch, {who}: wall time / calls ({rounds})", Statistics.Median(immutable.Select(s => s.MicrosecondsPerCall)), "µs"));
            figures.Add(Figure.Info($"Call with a {WordBatches.Size}-record copied batch, {who}: wall time / calls ({rounds})", Statistics.Median(copied.Select(s => s.MicrosecondsPerCall)), "µs"));
            if (count > 1)
            {
                figures.Add(Figure.Info($"  latency seen by each caller, [Immutable], {who}", Statistics.Median(immutable.Select(s => s.CallerLatencyMicroseconds)), "µs"));
                figures.Add(Figure.Info($"  latency seen by each caller, copied, {who}", Statistics.Median(copied.Select(s => s.CallerLatencyMicroseconds)), "µs"));
            }

            figures.Add(Figure.Info($"  bytes allocated per call (whole process), [Immutable], {who}", Statistics.Median(immutable.Select(s => s.BytesPerCall)), "B"));
            figures.Add(Figure.Info($"  bytes allocated per call (whole process), copied, {who}", Statistics.Median(copied.Select(s => s.BytesPerCall)), "B"));
            figures.Add(Figure.Info(
                $"Copied / [Immutable] time per call, {who} (median of paired rounds)",
                Statistics.Median(Enumerable.Range(0, immutable.Count).Select(i => copied[i].MicrosecondsPerCall / immutable[i].MicrosecondsPerCall)),
                "x"));
        }

        return figures;
    }
}
