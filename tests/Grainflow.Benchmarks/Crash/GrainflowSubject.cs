using Grainflow.Tests.Shared;

namespace Grainflow.Benchmarks.Crash;

/// <summary>
/// <c>grainflow-silo wordcount</c> with checkpoints in a local directory, killed as soon as its transactional sink
/// committed its first output file; its output is the committed files, <c>part-*</c>.
/// </summary>
internal sealed class GrainflowSubject(string input, string scratchDirectory) : ICrashSubject
{
    private const string CommittedPrefix = "part-";
    private const string ResumingMarker = "resuming from ";

    private readonly string _output = Path.Combine(scratchDirectory, "out");

    public string Name => "Grainflow (grainflow-silo wordcount)";

    public bool ClaimsExactlyOnce => true;

    // The first commit is the earliest point at which there is output to repeat or lose, and the farthest from the end.
    public string KillPoint => "once its first committed output file appeared";

    public string DoneMarker => "[wordcount] done";

    // Checkpoints every 10 ms: the job reads an input this small in a fraction of a second, and a longer interval
    // would commit all of it at once. No control API, whose fixed port could be another silo's on this machine.
    public ChildProcess Start()
    {
        // Created here, so that it can be watched before the silo writes to it.
        Directory.CreateDirectory(_output);
        return ChildProcess.Start(
            ChildProcess.Silo,
            null,
            "wordcount", "--input", input, "--output", _output, "--checkpoint-dir", Path.Combine(scratchDirectory, "chk"),
            "--checkpoint-interval", "10ms", "--log-level", "Warning", "--control-url", "none");
    }

    public async Task<string> WaitForKillPointAsync(ChildProcess child)
    {
        var committed = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var watcher = new FileSystemWatcher(_output) { NotifyFilter = NotifyFilters.FileName };

        // The sink writes a file under a name starting with '_' or '.' and commits it by renaming it to part-*.
        watcher.Created += (_, e) => OnFile(e.Name);
        watcher.Renamed += (_, e) => OnFile(e.Name);
        watcher.EnableRaisingEvents = true;
        foreach (var file in Directory.EnumerateFiles(_output))
        {
            OnFile(Path.GetFileName(file));
        }

        var exited = child.WaitForExitAsync();
        if (await Task.WhenAny(committed.Task, exited).ConfigureAwait(false) == exited)
        {
            throw new InvalidOperationException($"{Name} exited before it committed any output.{Environment.NewLine}{await exited.ConfigureAwait(false)}");
        }

        return $"{await committed.Task.ConfigureAwait(false)} committed";

        void OnFile(string? name)
        {
            if (name is not null && name.StartsWith(CommittedPrefix, StringComparison.Ordinal))
            {
                committed.TrySetResult(name);
            }
        }
    }

    public IReadOnlyList<string> ReadOutput() =>
        [.. Directory.EnumerateFiles(_output, CommittedPrefix + "*").Order(StringComparer.Ordinal).SelectMany(File.ReadLines)];

    // "[wordcount] resuming from checkpoint 1 (taken ...)": the checkpoint, without when it was taken.
    public string DescribeRestart(ProcessResult rerun)
    {
        var line = rerun.Output.FirstOrDefault(l => l.Contains(ResumingMarker, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"The run after the kill did not resume from a checkpoint.{Environment.NewLine}{rerun}");
        var from = line[(line.IndexOf(ResumingMarker, StringComparison.Ordinal) + ResumingMarker.Length)..];
        var taken = from.IndexOf(" (", StringComparison.Ordinal);
        return taken < 0 ? from : from[..taken];
    }
}
