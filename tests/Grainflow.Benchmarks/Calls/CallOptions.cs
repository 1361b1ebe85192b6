using System.Diagnostics.CodeAnalysis;

namespace Grainflow.Benchmarks.Calls;

/// <summary>How much work the call harness does; <see cref="Quick"/> is a smoke run that proves the harness works.</summary>
internal sealed record CallOptions(bool Quick, TimeSpan WarmUp, TimeSpan Duration, int Rounds)
{
    public static CallOptions Full { get; } = new(Quick: false, WarmUp: TimeSpan.FromMilliseconds(500), Duration: TimeSpan.FromSeconds(2), Rounds: 3);

    public static CallOptions QuickRun { get; } = new(Quick: true, WarmUp: TimeSpan.FromMilliseconds(100), Duration: TimeSpan.FromMilliseconds(300), Rounds: 1);

    /// <summary>The numbers of concurrent callers measured: one, and as many as a keyed task has senders in a wide job.</summary>
    public static IReadOnlyList<int> CallerCounts { get; } = [1, 32];

    public const string Usage = "Usage: calls [--quick]";

    /// <summary>Parses the arguments after <c>calls</c>; false on any argument other than <c>--quick</c>.</summary>
    public static bool TryParse(IReadOnlyList<string> args, [NotNullWhen(true)] out CallOptions? options)
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
