using Grainflow.Grains.Jobs;
using Grainflow.Grains.Tests.Cluster;
using Grainflow.Grains.Tests.WordCount;
using Grainflow.Streaming.Checkpointing.Durability;
using Grainflow.Streaming.Execution;
using Xunit.Abstractions;

namespace Grainflow.Grains.Tests.CrashStates;

public sealed class CrashStateRecoveryTests(ITestOutputHelper output)
{
    private const int Runs = 3;
    private const int LinesPerRun = 150;

    // Periodic checkpoints off: each run ends with its final checkpoint, so the recorded run always has the same
    // checkpoints. Keeping one makes every run delete the previous one's files too.
    private static readonly JobOptions s_options = new() { CheckpointInterval = Timeout.InfiniteTimeSpan, RetainedCheckpoints = 1 };

    [Fact]
    public async Task Recover_FromEveryPowerLossStateOfAShortWordCountRunAndOfItsRecoveries_CommitsEveryWordExactlyOnce()
    {
        using var dir = new TempDirectory();
        var recorded = dir.Sub("recorded");
        Directory.CreateDirectory(recorded);
        var recorder = new RecordingFileSystem(recorded);
        var fileSystem = new SwitchableFileSystem { Target = recorder };
        var lines = WordCountJobTests.GenerateLines(seed: 11, lineCount: Runs * LinesPerRun);
        var input = dir.Sub("input.txt");
        await using var cluster = await GrainflowTestCluster.StartAsync(silos: 1, configure: o => o.FileSystem = fileSystem);

        // The recorded run: the input grows by a part before each of a few runs, each resuming from the previous one's
        // final checkpoint, so that starts, checkpoints, commits and retention are all recorded.
        for (var run = 0; run < Runs; run++)
        {
            await File.AppendAllLinesAsync(input, lines.Skip(run * LinesPerRun).Take(LinesPerRun));
            var outcome = await cluster.RunToEndAsync(Spec(input, recorded));
            Assert.True(outcome.Succeeded, outcome.Message);
        }

        var check = new ExactlyOnceCheck(cluster, fileSystem, input, WordCountOracle.Count(lines));
        var crashStates = CrashStateEnumerator.Enumerate(recorder.Operations);
        var recoveries = await check.RecoverEachAsync(crashStates, dir.Sub("state"), record: true);

        // Each recovery was recorded too: a second power loss can hit a recovery as well. Enumerated in turn: the one
        // that renamed the most before going on (committing staged epochs), and the one that deleted the most
        // (discarding epochs and leftovers no completed checkpoint covers).
        var nestedStates = 0;
        var mostCommitting = recoveries.OrderByDescending(r => r.Repairs(FileOperationKind.Move)).ThenBy(r => r.StateIndex).First();
        var mostDiscarding = recoveries.Where(r => r != mostCommitting).OrderByDescending(r => r.Repairs(FileOperationKind.Delete)).ThenBy(r => r.StateIndex).First();
        Recovery[] mostRepaired = [mostCommitting, mostDiscarding];
        foreach (var recovery in mostRepaired)
        {
            var nested = CrashStateEnumerator.Enumerate(recovery.Operations, crashStates.States[recovery.StateIndex].Entries);
            nestedStates += nested.States.Count;
            output.WriteLine($"Recovery of state {recovery.StateIndex} ({crashStates.States[recovery.StateIndex].Origin}): {recovery.Repairs(FileOperationKind.Move)} renames and {recovery.Repairs(FileOperationKind.Delete)} deletes, {nested.States.Count} crash states.");
            await check.RecoverEachAsync(nested, dir.Sub($"state-{recovery.StateIndex}-recovery"), record: false);
        }

        output.WriteLine(
            $"Checked {crashStates.States.Count} distinct crash states ({crashStates.OnlySyncedCount} keeping only fsynced data and entries) " +
            $"from {crashStates.CrashPoints} crash points of {recorder.Operations.Count} file operations in {Runs} runs ({Runs} checkpoints), " +
            $"and {nestedStates} crash states of the {mostRepaired.Length} recoveries that repaired the most: {crashStates.States.Count + nestedStates} in all.");
        Assert.True(check.Failures.Count == 0, $"{check.Failures.Count} crash states did not recover exactly once:{Environment.NewLine}{string.Join(Environment.NewLine, check.Failures)}");
        Assert.True(crashStates.OnlySyncedCount >= 4 * Runs, $"only {crashStates.OnlySyncedCount} distinct fsynced states: the enumeration missed the protocol's steps");
        Assert.True(mostCommitting.Repairs(FileOperationKind.Move) > 0, "no crash state left a staged epoch for recovery to commit");
        Assert.True(mostDiscarding.Repairs(FileOperationKind.Delete) > 0, "no crash state left files for recovery to discard");
    }

    private static JobSpec Spec(string input, string root) =>
        TestJobs.WordCount(input, Path.Combine(root, "out"), CheckpointLocation.Directory(Path.Combine(root, "chk")), s_options);

    /// <summary>Materializes crash states and runs the job to its end on each, in one warm silo; collects what was not exactly once.</summary>
    private sealed class ExactlyOnceCheck(GrainflowTestCluster cluster, SwitchableFileSystem fileSystem, string input, Dictionary<string, long> expected)
    {
        public List<string> Failures { get; } = [];

        /// <param name="states">The states to recover from.</param>
        /// <param name="rootPrefix">Each state goes to a new directory named after this and its index.</param>
        /// <param name="record">Whether to record each recovery's file operations.</param>
        public async Task<List<Recovery>> RecoverEachAsync(CrashStateSet states, string rootPrefix, bool record)
        {
            var recoveries = new List<Recovery>();
            for (var i = 0; i < states.States.Count; i++)
            {
                var state = states.States[i];
                var root = $"{rootPrefix}-{i}";
                state.Materialize(root);
                var recorder = record ? new RecordingFileSystem(root) : null;
                fileSystem.Target = recorder ?? FileSystemOperations.Real;
                var outcome = await cluster.RunToEndAsync(Spec(input, root));
                var violation = outcome.Succeeded
                    ? WordCountOracle.FindViolation(expected, await WordCountJobTests.ReadOutputAsync(Path.Combine(root, "out")))
                    : $"the job failed: {outcome.Message}";
                if (violation is not null)
                {
                    Failures.Add($"{Path.GetFileName(root)} ({state.Origin}): {violation}{Environment.NewLine}{state.Describe()}");
                }

                if (recorder is not null)
                {
                    recoveries.Add(new Recovery(i, recorder.Operations));
                }

                Directory.Delete(root, recursive: true);
            }

            return recoveries;
        }
    }

    /// <summary>The recorded file operations of the run that recovered from crash state <paramref name="StateIndex"/>.</summary>
    private sealed record Recovery(int StateIndex, IReadOnlyList<FileOperation> Operations)
    {
        /// <summary>
        /// The operations of <paramref name="kind"/> before the run first creates anything: what recovery repaired
        /// (staged sink epochs committed or discarded, leftovers swept) before the job went on.
        /// </summary>
        public int Repairs(FileOperationKind kind) => Operations
            .TakeWhile(op => op.Kind is not (FileOperationKind.CreateFile or FileOperationKind.CreateDirectory))
            .Count(op => op.Kind == kind);
    }
}
