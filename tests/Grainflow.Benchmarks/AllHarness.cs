using Grainflow.Benchmarks.Calls;
using Grainflow.Benchmarks.Cluster;
using Grainflow.Benchmarks.Crash;
using Grainflow.Benchmarks.Harness;
using Grainflow.Benchmarks.Streaming;
using Grainflow.Benchmarks.StreamProviders;
using Grainflow.Grains.Streaming;

namespace Grainflow.Benchmarks;

/// <summary><c>all [--quick]</c>: the call harness, the streaming harness, the streams harness, the kill harness, then the cluster harness, in one process; one table of every figure.</summary>
internal static class AllHarness
{
    public const string Usage = "Usage: all [--quick]";

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        if (!CallOptions.TryParse(args, out var calls) || !StreamingOptions.TryParse(args, out var streaming) || !StreamsOptions.TryParse(args, out var streams)
            || !CrashOptions.TryParse(args, out var crash))
        {
            await Console.Error.WriteLineAsync(Usage).ConfigureAwait(false);
            return 1;
        }

        var optimized = BuildCheck.IsOptimized(typeof(AllHarness).Assembly, typeof(SourceTaskGrain).Assembly, typeof(Grain).Assembly);
        if (!optimized && !calls.Quick)
        {
            await Console.Error.WriteLineAsync("Built without optimizations; run with -c Release.").ConfigureAwait(false);
            return 2;
        }

        Console.WriteLine($"Grainflow benchmarks on Orleans{(calls.Quick ? " (quick smoke run: figures are indicative only)" : "")}: {BuildCheck.Describe(optimized)}.");
        Progress.Write("Grain calls...");
        var figures = new List<Figure>(await CallHarness.MeasureAsync(calls).ConfigureAwait(false));
        Progress.Write("Stream engine...");
        figures.AddRange(await StreamingHarness.MeasureAsync(streaming).ConfigureAwait(false));
        Progress.Write("Stream providers: appends, delivery, a job draining a stream...");
        figures.AddRange(await StreamsHarness.MeasureAsync(streams).ConfigureAwait(false));
        Progress.Write("Killed and rerun...");
        figures.AddRange(CrashHarness.Figures(await CrashHarness.MeasureAsync(crash).ConfigureAwait(false)));
        Progress.Write("Cluster of serve processes...");
        figures.AddRange(await ClusterHarness.MeasureAsync(ClusterOptions.For(calls.Quick)).ConfigureAwait(false));
        Console.WriteLine();
        Console.Write(ResultTable.Format(figures));
        Console.WriteLine();
        Console.WriteLine($"All figures measured in this one run, in {Progress.Elapsed.TotalSeconds:0} s; load average at the end {BuildCheck.LoadAverage()}.");
        return 0;
    }
}
