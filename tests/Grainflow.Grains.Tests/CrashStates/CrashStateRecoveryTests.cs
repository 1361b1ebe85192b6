using Grainflow.Grains.Jobs;
using Grainflow.Grains.Tests.Cluster;
using Grainflow.Grains.Tests.WordCount;
using Grainflow.Streaming.Execution;
using Xunit.Abstractions;

namespace Grainflow.Grains.Tests.CrashStates;

public sealed class CrashStateRecoveryTests(ITestOutputHelper output)
{
    private const int Runs = 3;
    private const int LinesPerRun = 150;

    [Fact]
    public async Task Recover_FromEveryPowerLossStateOfAShortWordCountRun_CommitsEveryWordExactlyOnce()
    {
        using var dir = new TempDirectory();
        var recorded = dir.Sub("recorded");
        Directory.CreateDirectory(recorded);
        var recorder = new RecordingFileSystem(recorded);
        var lines = WordCountJobTests.GenerateLines(seed: 11, lineCount: Runs * LinesPerRun);
        var input = dir.Sub("input.txt");
        // Periodic checkpoints off: each run ends with its final checkpoint, so the recorded run always has the same
        // checkpoints. Keeping one makes every run delete the previous one's files too.
        var options = new JobOptions { CheckpointInterval = Timeout.InfiniteTimeSpan, RetainedCheckpoints = 1 };
        await using var cluster = await GrainflowTestCluster.StartAsync(silos: 1, configure: o => o.FileSystem = recorder);

        // The recorded run: the input grows by a part before each of a few runs, each resuming from the previous one's
        // final checkpoint, so that starts, sink recovery, checkpoints, commits and retention are all recorded.
        for (var run = 0; run < Runs; run++)
        {
            await File.AppendAllLinesAsync(input, lines.Skip(run * LinesPerRun).Take(LinesPerRun));
            var outcome = await cluster.RunToEndAsync(Spec(input, recorded, options));
            Assert.True(outcome.Succeeded, outcome.Message);
        }

        var operations = recorder.Operations;
        var crashStates = CrashStateEnumerator.Enumerate(operations);
        var expected = WordCountOracle.Count(lines);
        var failures = new List<string>();
        for (var i = 0; i < crashStates.States.Count; i++)
        {
            // Outside the recorded root: recoveries go to the real file system unrecorded.
            var state = crashStates.States[i];
            var root = dir.Sub($"state-{i}");
            state.Materialize(root);
            var outcome = await cluster.RunToEndAsync(Spec(input, root, options));
            var violation = outcome.Succeeded
                ? WordCountOracle.FindViolation(expected, await WordCountJobTests.ReadOutputAsync(Path.Combine(root, "out")))
                : $"the job failed: {outcome.Message}";
            if (violation is not null)
            {
                failures.Add($"State {i} ({state.Origin}): {violation}{Environment.NewLine}{state.Describe()}");
            }

            Directory.Delete(root, recursive: true);
        }

        output.WriteLine(
            $"Checked {crashStates.States.Count} distinct crash states ({crashStates.OnlySyncedCount} keeping only fsynced data and entries) " +
            $"from {crashStates.CrashPoints} crash points of {operations.Count} file operations in {Runs} runs ({Runs} checkpoints).");
        Assert.True(failures.Count == 0, $"{failures.Count} of {crashStates.States.Count} crash states did not recover exactly once:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
        Assert.True(crashStates.OnlySyncedCount >= 4 * Runs, $"only {crashStates.OnlySyncedCount} distinct fsynced states: the enumeration missed the protocol's steps");
    }

    private static JobSpec Spec(string input, string root, JobOptions options) =>
        TestJobs.WordCount(input, Path.Combine(root, "out"), CheckpointLocation.Directory(Path.Combine(root, "chk")), options);
}
