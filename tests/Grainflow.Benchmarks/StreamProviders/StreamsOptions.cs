using System.Diagnostics.CodeAnalysis;

namespace Grainflow.Benchmarks.StreamProviders;

/// <summary>How much work the streams harness does; <see cref="Quick"/> is a smoke run that proves the harness works.</summary>
internal sealed record StreamsOptions(
    bool Quick, TimeSpan WarmUp, TimeSpan Duration, int Rounds, int DeliveryEvents, int DrainLines, int DrainRounds)
{
    public static StreamsOptions Full { get; } = new(
        Quick: false,
        WarmUp: TimeSpan.FromMilliseconds(300),
        Duration: TimeSpan.FromSeconds(1.5),
        Rounds: 3,
        DeliveryEvents: 1_000_000,
        DrainLines: 1_500_000,
        DrainRounds: 3);

    public static StreamsOptions QuickRun { get; } = new(
        Quick: true,
        WarmUp: TimeSpan.FromMilliseconds(100),
        Duration: TimeSpan.FromMilliseconds(300),
        Rounds: 1,
        DeliveryEvents: 100_000,
        DrainLines: 40_000,
        DrainRounds: 1);

    /// <summary>Concurrent producers, each appending to its own stream: one, and enough to share group commits.</summary>
    public static IReadOnlyList<int> ProducerCounts { get; } = [1, 16];

    /// <summary>Events per <c>OnNextBatchAsync</c> call in the batched configurations.</summary>
    public const int EventsPerBatch = 100;

    public const string Usage = "Usage: streams [--quick]";

    /// <summary>Parses the arguments after <c>streams</c>; false on any argument other than <c>--quick</c>.</summary>
    public static bool TryParse(IReadOnlyList<string> args, [NotNullWhen(true)] out StreamsOptions? options)
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
