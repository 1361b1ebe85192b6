using Grainflow.Benchmarks.Harness;
using Grainflow.Tests.Shared;

namespace Grainflow.Benchmarks.Crash;

/// <summary>
/// Runs one implementation, kills it with SIGKILL (the whole process tree) as soon as it reaches its kill point, runs
/// the same command again to its end, and audits the output against the expected counts.
/// </summary>
internal static class CrashRun
{
    public static async Task<CrashOutcome> RunAsync(ICrashSubject subject, IReadOnlyDictionary<string, long> expected)
    {
        Progress.Write($"{subject.Name}: running; SIGKILL {subject.KillPoint}...");
        await using (var first = subject.Start())
        {
            var signal = await subject.WaitForKillPointAsync(first).ConfigureAwait(false);
            var killed = await first.KillAsync().ConfigureAwait(false);
            Progress.Write($"  killed after: {signal.Trim()}");
            if (killed.Output.Any(l => l.Contains(subject.DoneMarker, StringComparison.Ordinal)))
            {
                throw new InvalidOperationException($"{subject.Name} finished before the kill landed.{Environment.NewLine}{killed}");
            }
        }

        // Partway means some output to repeat or lose, and some still to come.
        var linesAtKill = subject.ReadOutput().Count;
        var expectedLines = expected.Values.Sum();
        if (linesAtKill == 0 || linesAtKill >= expectedLines)
        {
            throw new InvalidOperationException($"{subject.Name} held {linesAtKill:#,0} of {expectedLines:#,0} output lines at the kill: not partway.");
        }

        Progress.Write($"  {linesAtKill:#,0} output lines at the kill; the same command again, to its end...");
        ProcessResult rerun;
        await using (var second = subject.Start())
        {
            rerun = await second.WaitForExitAsync().ConfigureAwait(false);
        }

        if (rerun.ExitCode != 0 || !rerun.Output.Any(l => l.Contains(subject.DoneMarker, StringComparison.Ordinal)))
        {
            throw new InvalidOperationException($"{subject.Name} did not finish after the kill.{Environment.NewLine}{rerun}");
        }

        var restartedFrom = subject.DescribeRestart(rerun);
        var audit = OutputAudit.Of(expected, subject.ReadOutput());
        Progress.Write($"  restarted from {restartedFrom}; {audit.OutputLines:#,0} output lines for {audit.ExpectedLines:#,0} expected.");
        return new CrashOutcome(subject.Name, subject.ClaimsExactlyOnce, Kills: 1, linesAtKill, restartedFrom, audit);
    }
}
