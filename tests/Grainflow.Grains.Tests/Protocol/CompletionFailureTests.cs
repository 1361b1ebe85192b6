using Grainflow.Grains.Jobs;
using Grainflow.Grains.Streaming;
using Grainflow.Grains.Tests.Cluster;
using Grainflow.Streaming.Execution;
using Microsoft.Extensions.Time.Testing;

namespace Grainflow.Grains.Tests.Protocol;

public sealed class CompletionFailureTests
{
    // The coordinator's "checkpoint triggered" line.
    private const int TriggeredEventId = 4000;

    [Fact]
    public async Task Commit_SinkRenameThrowsAfterTheFinalCheckpoint_JobRestartsAndFinishesExactlyOnce()
    {
        const string jobId = "completion-commit-fails";
        using var dir = new TempDirectory();
        var partitions = ProtocolJob.GeneratePartitions(seed: 51, partitions: 3, linesPerPartition: 500);
        var log = await ProtocolJob.WriteLogAsync(partitions);
        var fileSystem = new CommitFailingFileSystem(dir.Sub("out"));
        await using var cluster = await GrainflowTestCluster.StartAsync(configure: o => o.FileSystem = fileSystem);

        // Periodic checkpoints off: checkpoint 1 is the final one, and its commit is the one that throws.
        var outcome = await cluster.RunToEndAsync(TestJobs.Protocol(
            jobId, log, dir.Sub("out"), CheckpointLocation.Directory(dir.Sub("chk")), new JobOptions { CheckpointInterval = Timeout.InfiniteTimeSpan }));
        var status = await cluster.Coordinator(jobId).GetStatusAsync(includeTasks: false);

        Assert.Equal(1, fileSystem.FailedCommits);
        Assert.True(outcome.Succeeded, outcome.Message);
        Assert.Equal(JobEndKind.Finished, outcome.Kind);
        Assert.True(status.Attempt > 1, $"the job did not restart after the failed commit (attempt {status.Attempt})");
        var expected = ProtocolJob.CountWords(partitions.SelectMany(p => p));
        Assert.Null(WordCountOracle.FindViolation(expected, ProtocolJob.ReadCommittedOutputByEpoch(dir.Sub("out")).Select(o => o.Line)));
    }

    [Fact]
    public async Task FinalCheckpoint_FailsWithMinPause_IsRetriedOncePerPauseNotOnEveryTick()
    {
        const string jobId = "completion-final-min-pause";
        var minPause = TimeSpan.FromSeconds(2);
        using var dir = new TempDirectory();
        var partitions = ProtocolJob.GeneratePartitions(seed: 52, partitions: 3, linesPerPartition: 300);
        var log = await ProtocolJob.WriteLogAsync(partitions);
        var storage = new StateFailingCheckpointStorage(dir.Sub("chk"), jobId);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var captured = new CapturedLog();
        await using var cluster = await GrainflowTestCluster.StartAsync(configure: o => o.TimeProvider = clock, log: captured);
        await cluster.StartJobAsync(TestJobs.Protocol(
            jobId, log, dir.Sub("out"), TestJobs.Location(storage),
            new JobOptions { CheckpointInterval = Timeout.InfiniteTimeSpan, MinPauseBetweenCheckpoints = minPause }));

        // Checkpoint 1 is triggered as the sources end and fails. The clock stands still while the coordinator ticks
        // (every 100 ms of real time): each retry waits for the test to move the clock by the pause.
        await cluster.WaitForStatusAsync(jobId, s => s.Checkpoints.FailedCount == 1, "final checkpoint 1 failed");
        clock.Advance(minPause);
        await cluster.WaitForStatusAsync(jobId, s => s.Checkpoints.FailedCount >= 2, "final checkpoint 2 failed");
        clock.Advance(minPause);
        await cluster.WaitForStatusAsync(jobId, s => s.Checkpoints.FailedCount >= 3, "final checkpoint 3 failed");
        storage.Heal();
        clock.Advance(minPause);
        var outcome = await cluster.WaitForOutcomeAsync(jobId);
        var status = (await cluster.Coordinator(jobId).GetStatusAsync(includeTasks: false)).Checkpoints;

        Assert.True(outcome.Succeeded, outcome.Message);
        Assert.Equal(4L, outcome.LastCheckpointId);
        Assert.Equal((3, 1), (status.FailedCount, status.CompletedCount));
        Assert.Equal(
            ["Checkpoint 1 triggered (final: True).", "Checkpoint 2 triggered (final: True).", "Checkpoint 3 triggered (final: True).", "Checkpoint 4 triggered (final: True)."],
            captured.Entries.Where(e => e.EventId.Id == TriggeredEventId).Select(e => e.Message));
        var expected = ProtocolJob.CountWords(partitions.SelectMany(p => p));
        Assert.Null(WordCountOracle.FindViolation(expected, ProtocolJob.ReadCommittedOutputByEpoch(dir.Sub("out")).Select(o => o.Line)));
    }
    [Fact]
    public async Task StopWithDrain_WhileAnEarlierCheckpointIsAborted_StopsWithAFinalCheckpointExactlyOnce()
    {
        const string jobId = "completion-stop-during-abort";
        using var dir = new TempDirectory();
        var partitions = ProtocolJob.GeneratePartitions(seed: 53, partitions: 3, linesPerPartition: 300);
        var log = await ProtocolJob.WriteLogAsync(partitions);
        var storage = new HeldFailureCheckpointStorage(dir.Sub("chk"), jobId, failStateWritesOf: 1);
        await using var cluster = await GrainflowTestCluster.StartAsync();
        await cluster.StartJobAsync(TestJobs.Protocol(
            jobId, log, dir.Sub("out"), TestJobs.Location(storage), new JobOptions { CheckpointInterval = Timeout.InfiniteTimeSpan }, bounded: false));
        await cluster.WaitForStatusAsync(jobId, s => s.Phase == JobPhase.Running, "the job runs");
        var coordinator = cluster.Coordinator(jobId);

        // Checkpoint 1 stands for a periodic one: in flight, its state upload held, when the stop comes; then it fails.
        Assert.Equal(1, await coordinator.TriggerCheckpointAsync());
        await storage.WriteReached.Task.WaitAsync(GrainflowTestCluster.Deadline);
        var stopping = coordinator.StopAsync(savepointName: null, drain: true);
        storage.FailGate.SetResult();
        await stopping.WaitAsync(GrainflowTestCluster.Deadline);
        var outcome = await cluster.WaitForOutcomeAsync(jobId);
        var status = (await coordinator.GetStatusAsync(includeTasks: false)).Checkpoints;

        Assert.Equal((JobEndKind.Stopped, 2L), (outcome.Kind, outcome.LastCheckpointId));
        Assert.Equal((2L, 1, 1), (status.LastCompletedCheckpointId, status.CompletedCount, status.FailedCount));
        Assert.Equal([2L], await ProtocolJob.ListCheckpointIdsAsync(storage, jobId));
        var committed = ProtocolJob.ReadCommittedOutputByEpoch(dir.Sub("out"));
        Assert.Null(FindPrefixViolation(ProtocolJob.CountWords(partitions.SelectMany(p => p)), committed.Select(o => o.Line)));
    }

    // An unbounded job stopped on request has read some prefix of each partition: each word's committed counts are
    // 1..n once each (nothing lost before the stop checkpoint, nothing twice), with n at most the word's total.
    private static string? FindPrefixViolation(Dictionary<string, long> totals, IEnumerable<string> lines)
    {
        foreach (var group in lines.Select(line => line.Split('\t')).GroupBy(parts => parts[0], StringComparer.Ordinal))
        {
            var counts = group.Select(parts => long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
            if (counts.Where((c, i) => c != i + 1).Any() || counts.Count > totals.GetValueOrDefault(group.Key))
            {
                return $"word '{group.Key}': counts [{string.Join(",", counts.Take(10))}...] of {totals.GetValueOrDefault(group.Key)} occurrences";
            }
        }

        return null;
    }
}
