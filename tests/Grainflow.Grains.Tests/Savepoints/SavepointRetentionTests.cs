using Grainflow.Grains.Streaming;
using Grainflow.Grains.Tests.Cluster;
using Grainflow.Grains.Tests.Protocol;
using Grainflow.Streaming.Checkpointing.Savepoints;
using Grainflow.Streaming.Checkpointing.Storage;
using Grainflow.Streaming.Execution;

namespace Grainflow.Grains.Tests.Savepoints;

public sealed class SavepointRetentionTests
{
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
}
