using System.Diagnostics.CodeAnalysis;

namespace Grainflow.Benchmarks.Crash;

/// <summary>
/// The kill harness's inputs: seeded Zipf words over <see cref="Vocabulary"/> distinct ones, <see cref="Words"/> of them for the
/// idiomatic version and <see cref="GrainflowWords"/> for Grainflow.
/// </summary>
internal sealed record CrashOptions(bool Quick, long Words, long GrainflowWords, int Vocabulary)
{
    // The grain-per-word version counts about fifty times slower than Grainflow, and its rerun counts the whole input
    // again: its input stays small. Grainflow reads a few hundred thousand words in well under a second, so on a loaded
    // machine its first checkpoint (taken 10 ms after the start, by a timer that can run late) could cover all of such an
    // input, and the kill after its first commit would find nothing left to repeat or lose. Ten times the words take it
    // seconds to read, far longer than a timer is ever late.
    public static CrashOptions Full { get; } = new(Quick: false, Words: 500_000, GrainflowWords: 5_000_000, Vocabulary: 100_000);

    public static CrashOptions QuickRun { get; } = new(Quick: true, Words: 200_000, GrainflowWords: 2_000_000, Vocabulary: 20_000);

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
