using Grainflow.Tests.Shared;

namespace Grainflow.Benchmarks.Crash;

/// <summary>
/// A wordcount implementation the kill harness crashes: the command that runs it as a child process (the same
/// command for the run that is killed and the run after it), the signal to kill it at, the stdout line that says it
/// finished, and where its output is.
/// </summary>
internal interface ICrashSubject
{
    /// <summary>The name in the table.</summary>
    string Name { get; }

    /// <summary>Whether the implementation promises exactly-once output (a target in <c>all</c>'s table), or is shown not to.</summary>
    bool ClaimsExactlyOnce { get; }

    /// <summary>Where the kill lands, in words (for progress lines).</summary>
    string KillPoint { get; }

    /// <summary>A stdout line containing this says the child consumed its whole input.</summary>
    string DoneMarker { get; }

    /// <summary>Starts the child process; the caller disposes it.</summary>
    ChildProcess Start();

    /// <summary>Completes when <paramref name="child"/> reached <see cref="KillPoint"/>, with what showed it; fails if the child exits first.</summary>
    Task<string> WaitForKillPointAsync(ChildProcess child);

    /// <summary>The lines of the output the implementation produced so far (for Grainflow, its committed output).</summary>
    IReadOnlyList<string> ReadOutput();

    /// <summary>Where the run after the kill started from, read from what it printed.</summary>
    string DescribeRestart(ProcessResult rerun);
}
