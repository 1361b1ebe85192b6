using System.Diagnostics.CodeAnalysis;

namespace Grainflow.Benchmarks.Crash;

/// <summary>The kill harness's input: <see cref="Words"/> seeded Zipf words over <see cref="Vocabulary"/> distinct ones.</summary>
internal sealed record CrashOptions(bool Quick, long Words, int Vocabulary)
{
    // Grainflow reads a few hundred thousand words in well under a second, committing them over a few checkpoints: fewer,
    // and its first commit could be its last. The grain-per-word version counts them about fifty times slower.
    public static CrashOptions Full { get; } = new(Quick: false, Words: 500_000, Vocabulary: 100_000);

    public static CrashOptions QuickRun { get; } = new(Quick: true, Words: 200_000, Vocabulary: 20_000);

    public const string Usage = "Usage: crash [--quick]";

    /// <summary>Parses the arguments after <c>crash</c>; false on any argument other than <c>--quick</c>.</summary>
    public static bool TryParse(IReadOnlyList<string> args, [NotNullWhen(true)] out CrashOptions? options)
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
