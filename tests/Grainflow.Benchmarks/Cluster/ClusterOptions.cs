using System.Diagnostics.CodeAnalysis;

namespace Grainflow.Benchmarks.Cluster;

/// <summary>
/// The cluster harness's sizes: <see cref="Keys"/> distinct words of state for the kill, input fed at
/// <see cref="FeedLinesPerSecond"/> meanwhile, and <see cref="ThroughputLines"/> lines for the 1-silo vs 3-silo runs.
/// </summary>
internal sealed record ClusterOptions(bool Quick, long Keys, int FeedLinesPerSecond, long ThroughputLines, TimeSpan FillDeadline)
{
    public const string Usage = "Usage: cluster [--quick]";

    // The figures: a million keys of state, 20,000 lines (100,000 words) a second of live input, two million lines.
    public static ClusterOptions Full { get; } = new(Quick: false, Keys: 1_000_000, FeedLinesPerSecond: 20_000, ThroughputLines: 2_000_000, FillDeadline: TimeSpan.FromMinutes(10));

    // Small enough for CI's smoke run (about a minute on a loaded 2-core machine); with fewer lines the first status of
    // the throughput runs can come after most words were counted, and the figures are refused.
    public static ClusterOptions QuickRun { get; } = new(Quick: true, Keys: 20_000, FeedLinesPerSecond: 5_000, ThroughputLines: 400_000, FillDeadline: TimeSpan.FromMinutes(2));

    /// <summary>The options of <c>all</c>, which passes its own <c>--quick</c>.</summary>
    public static ClusterOptions For(bool quick) => quick ? QuickRun : Full;

    /// <summary>Parses the arguments after <c>cluster</c>; false on any argument other than <c>--quick</c>.</summary>
    public static bool TryParse(IReadOnlyList<string> args, [NotNullWhen(true)] out ClusterOptions? options)
    {
        options = args switch
        {
            [] => Full,
            ["--quick"] => QuickRun,
            _ => null,
        };
        return options is not null;
    }
}
