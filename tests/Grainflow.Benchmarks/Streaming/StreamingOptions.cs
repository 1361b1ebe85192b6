using System.Diagnostics.CodeAnalysis;

namespace Grainflow.Benchmarks.Streaming;

/// <summary>How much work each probe of the streaming harness does; <see cref="Quick"/> is a smoke run that proves the harness works.</summary>
internal sealed record StreamingOptions(
    bool Quick,
    long ThroughputWords,
    int Vocabulary,
    int ThroughputRounds,
    long IdiomaticWords,
    int IdiomaticRounds,
    int SnapshotKeys,
    int SnapshotRounds,
    int ManyKeys,
    TimeSpan ManyKeysWindow,
    int ManyKeysMinRounds,
    int ManyKeysPairs)
{
    public static StreamingOptions Full { get; } = new(
        Quick: false,
        ThroughputWords: 5_000_000,
        Vocabulary: 100_000,
        ThroughputRounds: 3,
        IdiomaticWords: 300_000,
        IdiomaticRounds: 2,
        SnapshotKeys: 1_000_000,
        SnapshotRounds: 3,
        ManyKeys: 1_000_000,
        ManyKeysWindow: TimeSpan.FromSeconds(35),
        ManyKeysMinRounds: 10,
        ManyKeysPairs: 2);

    // Small enough to finish in seconds: the many-keys window is far too short for 20 checkpoints, so the quick run
    // shows the overhead ratio refused, as a real run that completes too few checkpoints would.
    public static StreamingOptions QuickRun { get; } = new(
        Quick: true,
        ThroughputWords: 300_000,
        Vocabulary: 20_000,
        ThroughputRounds: 1,
        IdiomaticWords: 50_000,
        IdiomaticRounds: 1,
        SnapshotKeys: 100_000,
        SnapshotRounds: 1,
        ManyKeys: 100_000,
        ManyKeysWindow: TimeSpan.Zero,
        ManyKeysMinRounds: 4,
        ManyKeysPairs: 1);

    /// <summary>The checked runs' interval: the product's default.</summary>
    public static TimeSpan CheckpointInterval { get; } = TimeSpan.FromSeconds(1);

    /// <summary>A checkpoint-overhead ratio needs at least this many periodic checkpoints completed inside its window.</summary>
    public const int MinWindowCheckpoints = 20;

    public const string Usage = "Usage: streaming [--quick]";

    /// <summary>Parses the arguments after <c>streaming</c>; false on any argument other than <c>--quick</c>.</summary>
    public static bool TryParse(IReadOnlyList<string> args, [NotNullWhen(true)] out StreamingOptions? options)
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
