using Grainflow.Benchmarks.Harness;
using Grainflow.Tests.Shared.Azurite;

namespace Grainflow.Benchmarks.Cluster;

/// <summary>
/// <c>cluster [--quick]</c>: the wordcount job on real <c>grainflow-silo serve</c> processes clustered through Azure
/// Table membership in Azurite, on loopback. Throughput on one silo and on three over the same input, then recovery
/// from <c>kill -9</c> of a silo with a million keys of state while input keeps arriving. Exits 0 whatever the
/// verdicts (they are the table); non-zero when a probe fails.
/// </summary>
internal static class ClusterHarness
{
    public const string Mode = "cluster";

    private const int ThroughputSeed = 20_261_130;
    private const int Vocabulary = 100_000;

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        if (!ClusterOptions.TryParse(args, out var options))
        {
            await Console.Error.WriteLineAsync(ClusterOptions.Usage).ConfigureAwait(false);
            return 1;
        }

        var optimized = BuildCheck.IsOptimized(typeof(ClusterHarness).Assembly);
        Console.WriteLine($"Grainflow cluster harness{(options.Quick ? " (quick run: figures are indicative only)" : "")}: {BuildCheck.Describe(optimized)}.");
        var figures = await MeasureAsync(options).ConfigureAwait(false);
        Console.WriteLine();
        Console.Write(ResultTable.Format(figures));
        Console.WriteLine();
        Console.WriteLine($"Harness ran in {Progress.Elapsed.TotalSeconds:0.0} s; load average at the end {BuildCheck.LoadAverage()}.");
        return 0;
    }

    /// <summary>Runs both halves on one Azurite; returns their figures (also used by <c>all</c>).</summary>
    public static async Task<IReadOnlyList<Figure>> MeasureAsync(ClusterOptions options)
    {
        using var scratch = new ScratchDirectory("cluster");
        var azurite = new AzuriteTableFixture();
        Progress.Write("Starting Azurite (blob and table)...");
        await azurite.InitializeAsync().ConfigureAwait(false);
        try
        {
            await using var input = await ClusterInputLog.CreateAsync(scratch.Sub("throughput-log")).ConfigureAwait(false);
            Progress.Write($"Filling a log with {options.ThroughputLines:#,0} lines of {ClusterInputLog.WordsPerLine} words over {Vocabulary:#,0} words...");
            var random = new Random(ThroughputSeed);
            await input.AppendAsync(options.ThroughputLines, _ => ClusterInputLog.VocabularyLine(random, Vocabulary)).ConfigureAwait(false);

            // Both runs in this one harness run, one after the other, over the same log.
            var one = await ThroughputProbe.RunAsync(azurite.ConnectionString, 1, input, scratch).ConfigureAwait(false);
            var three = await ThroughputProbe.RunAsync(azurite.ConnectionString, 3, input, scratch).ConfigureAwait(false);
            if (one.Refusal is null && three.Refusal is null)
            {
                Progress.Write(ClusterFigures.Arithmetic(one, three));
            }

            var recovery = await RecoveryProbe.RunAsync(azurite.ConnectionString, options, scratch).ConfigureAwait(false);
            return [.. ClusterFigures.Throughput(one, three), .. ClusterFigures.Recovery(recovery)];
        }
        finally
        {
            await azurite.DisposeAsync().ConfigureAwait(false);
        }
    }
}
