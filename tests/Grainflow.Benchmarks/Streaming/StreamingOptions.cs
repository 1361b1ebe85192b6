using System.Diagnostics.CodeAnalysis;

namespace Grainflow.Benchmarks.Streaming;

/// <summary>How much work each probe of the streaming harness does; <see cref="Quick"/> is a smoke run that proves the harness works.</summary>
internal sealed record StreamingOptions(
    bool Quick,
    long ThroughputWords,
    int Vocabulary,
    int ThroughputRounds,
    int SnapshotKeys,
    int SnapshotRounds,
    int MemoryKeys,
    int MemoryRuns)
{
    public static StreamingOptions Full { get; } = new(
        Quick: false,
        ThroughputWords: 5_000_000,
        Vocabulary: 100_000,
        ThroughputRounds: 5,
        SnapshotKeys: 1_000_000,
        SnapshotRounds: 3,
        MemoryKeys: 1_000_000,
        MemoryRuns: 2);

    public static StreamingOptions QuickRun { get; } = new(
        Quick: true,
        ThroughputWords: 300_000,
        Vocabulary: 20_000,
        ThroughputRounds: 1,
        SnapshotKeys: 100_000,
        SnapshotRounds: 1,
        MemoryKeys: 100_000,
        MemoryRuns: 1);

    /// <summary>Each key of the many-keys input occurs this often, so every key is updated after its first checkpoint too.</summary>
    public const int OccurrencesPerKey = 2;

    /// <summary>The interval of the checked runs: the product's default.</summary>
    public static TimeSpan CheckpointInterval { get; } = TimeSpan.FromSeconds(1);

    /// <summary>Keyed tasks per job: one per core, as <c>StreamJobBuilder</c> defaults to.</summary>
    public static int Parallelism => Environment.ProcessorCount;

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
