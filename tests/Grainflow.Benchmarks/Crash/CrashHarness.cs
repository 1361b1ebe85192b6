using Grainflow.Benchmarks.Crash.Idiomatic;
using Grainflow.Benchmarks.Harness;
using Grainflow.Benchmarks.Streaming;
using Grainflow.Tests.Shared;

namespace Grainflow.Benchmarks.Crash;

/// <summary>
/// <c>crash [--quick]</c>: the exactly-once claim side by side with what an Orleans user would write without
/// Grainflow. Each implementation counts the same seeded input in a child process, is killed with SIGKILL partway,
/// and is run again to its end with the same command; its output is then checked against an independent count of
/// the input (<see cref="WordCountOracle"/>). Exits 0 whatever the verdicts (they are the table); non-zero when a
/// run fails (a child that fails, or finishes before the kill lands).
/// </summary>
internal static class CrashHarness
{
    public const string Mode = "crash";

    // The idiomatic version is killed after this share of the input, about where Grainflow's first commit falls.
    private const double IdiomaticKillShare = 0.1;
    private const int Seed = 20_240_817;

    /// <summary>Whether <paramref name="mode"/> (the first argument) belongs to this harness.</summary>
    public static bool IsMode(string mode) => mode is Mode or IdiomaticCrashChild.Mode;

    public static async Task<int> RunAsync(string mode, IReadOnlyList<string> args)
    {
        if (mode == IdiomaticCrashChild.Mode)
        {
            return await IdiomaticCrashChild.RunAsync(args).ConfigureAwait(false);
        }

        if (!CrashOptions.TryParse(args, out var options))
        {
            await Console.Error.WriteLineAsync(CrashOptions.Usage).ConfigureAwait(false);
            return 1;
        }

        Console.WriteLine(
            $"Grainflow kill harness{(options.Quick ? " (quick run)" : "")}: {BuildCheck.Describe(BuildCheck.IsOptimized(typeof(CrashHarness).Assembly))}.");
        var outcomes = await MeasureAsync(options).ConfigureAwait(false);
        Console.WriteLine();
        Console.Write(CrashTable.Format(outcomes));
        Console.WriteLine();
        foreach (var outcome in outcomes.Where(o => !o.Audit.ExactlyOnce))
        {
            Console.WriteLine($"{outcome.Implementation}, first violation: {outcome.Audit.Violation}");
        }

        Console.WriteLine($"Harness ran in {Progress.Elapsed.TotalSeconds:0.0} s; load average at the end {BuildCheck.LoadAverage()}.");
        return 0;
    }

    /// <summary>Crashes and reruns each implementation over the same input; returns their outcomes (also used by <c>all</c>).</summary>
    public static async Task<IReadOnlyList<CrashOutcome>> MeasureAsync(CrashOptions options)
    {
        using var scratch = new ScratchDirectory("crash");
        var (grainflowInput, grainflowExpected) = WriteInput(scratch.Sub("grainflow-input.txt"), options.GrainflowWords, options.Vocabulary);
        var (idiomaticInput, idiomaticExpected) = WriteInput(scratch.Sub("idiomatic-input.txt"), options.Words, options.Vocabulary);
        (ICrashSubject Subject, IReadOnlyDictionary<string, long> Expected)[] subjects =
        [
            (new GrainflowSubject(grainflowInput.Path, scratch.NewSub("grainflow")), grainflowExpected),
            (new IdiomaticSubject(idiomaticInput.Path, scratch.NewSub("idiomatic"), (long)(idiomaticInput.Words * IdiomaticKillShare)), idiomaticExpected),
        ];
        var outcomes = new List<CrashOutcome>();
        foreach (var (subject, expected) in subjects)
        {
            outcomes.Add(await CrashRun.RunAsync(subject, expected).ConfigureAwait(false));
        }

        return outcomes;
    }

    private static (WordInput Input, IReadOnlyDictionary<string, long> Expected) WriteInput(string path, long words, int vocabulary)
    {
        Progress.Write($"Generating {words:#,0} words over a Zipf vocabulary of {vocabulary:#,0} words...");
        var input = WordInputGenerator.WriteZipf(path, words, vocabulary, Seed);
        var expected = WordCountOracle.Count(File.ReadLines(input.Path));
        if (expected.Values.Sum() != input.Words)
        {
            throw new InvalidOperationException($"The oracle counts {expected.Values.Sum():#,0} words in an input of {input.Words:#,0}.");
        }

        return (input, expected);
    }

    /// <summary>
    /// The outcomes as figures for <c>all</c>'s table: the output lines that break exactly-once, which must be none
    /// for an implementation that promises it and are shown to be some for the one that does not.
    /// </summary>
    public static IEnumerable<Figure> Figures(IReadOnlyList<CrashOutcome> outcomes) =>
        outcomes.Select(o => new Figure(
            $"SIGKILL and rerun, {o.Implementation}: duplicate + missing + wrong lines",
            o.Audit.DuplicateLines + o.Audit.MissingLines + o.Audit.WrongLines,
            "lines",
            o.ClaimsExactlyOnce ? Target.AtMost(0) : Target.AtLeast(1)));
}
