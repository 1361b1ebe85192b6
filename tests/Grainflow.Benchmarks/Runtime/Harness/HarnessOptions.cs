using System.Diagnostics.CodeAnalysis;

namespace Grainflow.Benchmarks.Runtime.Harness;

/// <summary>How much work each probe of the harness does; <see cref="Quick"/> is a smoke run that proves the harness works.</summary>
internal sealed record HarnessOptions(
    bool Quick,
    int LatencyCalls,
    TimeSpan WarmUp,
    int ThroughputCallers,
    int ThroughputGrains,
    TimeSpan ThroughputDuration,
    int IdleActivations)
{
    public static HarnessOptions Full { get; } = new(
        Quick: false,
        LatencyCalls: 1_000_000,
        WarmUp: TimeSpan.FromMilliseconds(500),
        ThroughputCallers: 64,
        ThroughputGrains: 1_000,
        ThroughputDuration: TimeSpan.FromSeconds(3),
        IdleActivations: 100_000);

    public static HarnessOptions QuickRun { get; } = new(
        Quick: true,
        LatencyCalls: 100_000,
        WarmUp: TimeSpan.FromMilliseconds(100),
        ThroughputCallers: 64,
        ThroughputGrains: 1_000,
        ThroughputDuration: TimeSpan.FromMilliseconds(500),
        IdleActivations: 10_000);

    public const string Usage = "Usage: runtime [--quick]";

    /// <summary>Parses the arguments after <c>runtime</c>; false on any argument other than <c>--quick</c>.</summary>
    public static bool TryParse(IReadOnlyList<string> args, [NotNullWhen(true)] out HarnessOptions? options)
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
