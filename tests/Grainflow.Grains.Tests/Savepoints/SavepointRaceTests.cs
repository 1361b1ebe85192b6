using Grainflow.Grains.Streaming;
using Grainflow.Grains.Tests.Cluster;
using Grainflow.Grains.Tests.Protocol;
using Grainflow.Streaming.Checkpointing.Savepoints;
using Grainflow.Streaming.Checkpointing.Storage;
using Grainflow.Streaming.Execution;

namespace Grainflow.Grains.Tests.Savepoints;

public sealed class SavepointRaceTests
{
    // The coordinator's "stop waits for earlier completions" line.
    private const int StopWaitsEventId = 4017;

    [Fact]
    public async Task TriggerSavepoint_NewerCheckpointRetainsOneDuringTheCopy_CopyCompletesAndALaterRetentionDeletesItsCheckpoint()
    {
        const string jobId = "savepoint-retention-race";
        using var dir = new TempDirectory();
        var log = await ProtocolJob.WriteLogAsync(ProtocolJob.GeneratePartitions(seed: 41, partitions: 3, linesPerPartition: 300));
        var storage = new CopyHoldingCheckpointStorage(dir.Sub("chk"), jobId, holdCopyOf: 1);
        await using var cluster = await GrainflowTestCluster.StartAsync();
        await cluster.StartJobAsync(TestJobs.Protocol(
            jobId, log, dir.Sub("out"), TestJobs.Location(storage), new JobOptions { CheckpointInterval = Timeout.InfiniteTimeSpan, RetainedCheckpoints = 1 }, bounded: false));
        await cluster.WaitForStatusAsync(jobId, s => s.Phase == JobPhase.Running, "the job runs");
        var coordinator = cluster.Coordinator(jobId);

        var taking = coordinator.TriggerSavepointAsync("mid-copy");
        await storage.CopyReached.Task.WaitAsync(GrainflowTestCluster.Deadline);
        var newer = await cluster.CheckpointAsync(jobId);
        var presentDuringCopy = await ProtocolJob.ListCheckpointIdsAsync(storage, jobId);
        storage.CopyGate.SetResult();
        var savepoint = await taking.WaitAsync(GrainflowTestCluster.Deadline);
        var loaded = await new SavepointStore(storage, new CheckpointStorageLayout(jobId)).LoadAsync("mid-copy");
        var later = await cluster.CheckpointAsync(jobId);

        Assert.Equal((2L, 3L), (newer, later));
        Assert.Equal([1L, 2L], presentDuringCopy);
        Assert.Equal(("mid-copy", 1L), (savepoint.Name, savepoint.CheckpointId));
        Assert.True(loaded.TaskStates.Count >= 2, $"the copy was held after its first state file of {loaded.TaskStates.Count}");
        Assert.Equal([3L], await ProtocolJob.ListCheckpointIdsAsync(storage, jobId));
    }

    [Fact]
    public async Task StopWithDrain_WhileAnEarlierSavepointIsCopied_ReturnsOnlyOnceThatCopyIsDone()
    {
        const string jobId = "stop-during-savepoint-copy";
        using var dir = new TempDirectory();
        var log = await ProtocolJob.WriteLogAsync(ProtocolJob.GeneratePartitions(seed: 42, partitions: 3, linesPerPartition: 300));
        var storage = new CopyHoldingCheckpointStorage(dir.Sub("chk"), jobId, holdCopyOf: 1);
        var captured = new CapturedLog();
        await using var cluster = await GrainflowTestCluster.StartAsync(log: captured);
        await cluster.StartJobAsync(TestJobs.Protocol(
            jobId, log, dir.Sub("out"), TestJobs.Location(storage), new JobOptions { CheckpointInterval = Timeout.InfiniteTimeSpan }, bounded: false));
        await cluster.WaitForStatusAsync(jobId, s => s.Phase == JobPhase.Running, "the job runs");
        var coordinator = cluster.Coordinator(jobId);

        var taking = coordinator.TriggerSavepointAsync("before-stop");
        await storage.CopyReached.Task.WaitAsync(GrainflowTestCluster.Deadline);
        var stopping = coordinator.StopAsync(savepointName: null, drain: true);
        // Either the stop says it waits for checkpoint 1 (and cannot return while the copy is held), or it returns first.
        var first = await Task.WhenAny(stopping, WaitForLogAsync(captured, StopWaitsEventId)).WaitAsync(GrainflowTestCluster.Deadline);
        var returnedDuringCopy = first == stopping;
        storage.CopyGate.SetResult();
        await stopping.WaitAsync(GrainflowTestCluster.Deadline);
        var savepoint = await taking.WaitAsync(GrainflowTestCluster.Deadline);
        var outcome = await cluster.WaitForOutcomeAsync(jobId);

        Assert.False(returnedDuringCopy, "the stop returned while savepoint 'before-stop' was still being copied");
        Assert.Equal(("before-stop", 1L), (savepoint.Name, savepoint.CheckpointId));
        Assert.Equal((JobEndKind.Stopped, 2L), (outcome.Kind, outcome.LastCheckpointId));
        Assert.Equal(
            $"Stopping job {jobId} waits until checkpoint 1 finished completing (its commits, its savepoint copy).",
            Assert.Single(captured.Entries, e => e.EventId.Id == StopWaitsEventId).Message);
    }

    private static async Task WaitForLogAsync(CapturedLog log, int eventId)
    {
        using var deadline = new CancellationTokenSource(GrainflowTestCluster.Deadline);
        while (!log.Entries.Any(e => e.EventId.Id == eventId))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), deadline.Token);
        }
    }
}
