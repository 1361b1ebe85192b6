using Grainflow.Grains.Streaming;
using Grainflow.Grains.Tests.Cluster;
using Grainflow.Grains.Tests.Protocol;
using Grainflow.Streaming.Execution;

namespace Grainflow.Grains.Tests.Recovery;

/// <summary>
/// A restart whose plan fails: a failed storage request may pass and is tried again under the restart strategy; any
/// other exception is a bug, which fails the job at once instead of after the strategy's attempts.
/// </summary>
public sealed class RestartPlanFailureTests
{
    [Fact]
    public async Task Restart_PlanFailsWithAnUnexpectedException_JobFailsAtOnce()
    {
        const string jobId = "restart-plan-bug";
        using var dir = new TempDirectory();
        var storage = new LosableLeaseCheckpointStorage(dir.Sub("chk"));
        await using var cluster = await StartRunningJobAsync(jobId, storage, dir, ProtocolJob.GeneratePartitions(seed: 41, partitions: 3, linesPerPartition: 200));
        var checkpoint = await cluster.CheckpointAsync(jobId);

        storage.FailNextAcquisitions(() => new InvalidOperationException("injected bug in planning the restart"), times: int.MaxValue);
        storage.LoseLease("taken away by the test");
        var outcome = await cluster.WaitForOutcomeAsync(jobId);

        var status = await cluster.Coordinator(jobId).GetStatusAsync(includeTasks: false);
        Assert.Equal(JobEndKind.Failed, outcome.Kind);
        Assert.Contains("restarting from the last checkpoint failed: injected bug in planning the restart", outcome.Message, StringComparison.Ordinal);
        Assert.Equal(checkpoint, outcome.LastCheckpointId);
        Assert.Equal((1, 1), (status.Restarts, storage.FailedAcquisitions));
    }

    [Fact]
    public async Task Restart_PlanFailsOnAStorageRequest_RestartIsTriedAgainAndTheJobRunsExactlyOnce()
    {
        const string jobId = "restart-plan-io";
        using var dir = new TempDirectory();
        var storage = new LosableLeaseCheckpointStorage(dir.Sub("chk"));
        var partitions = ProtocolJob.GeneratePartitions(seed: 42, partitions: 3, linesPerPartition: 1_000);
        await using var cluster = await StartRunningJobAsync(jobId, storage, dir, partitions);
        var checkpoint = await cluster.CheckpointAsync(jobId);

        storage.FailNextAcquisitions(() => new IOException("injected: the store did not answer"), times: 2);
        storage.LoseLease("taken away by the test");
        var restarted = await cluster.WaitForStatusAsync(jobId, s => s.Restarts >= 3 && s.Phase == JobPhase.Running, "the job runs again after two failed plans");
        await cluster.Coordinator(jobId).StopAsync(savepointName: null, drain: true);

        Assert.Equal((3, 2), (restarted.Restarts, storage.FailedAcquisitions));
        Assert.True(restarted.Checkpoints.LastCompletedCheckpointId >= checkpoint);
        var expected = ProtocolJob.CountWords(partitions.SelectMany(p => p));
        Assert.Null(WordCountOracle.FindViolation(expected, ProtocolJob.ReadCommittedOutputByEpoch(dir.Sub("out")).Select(o => o.Line)));
    }

    // Periodic checkpoints off: the tests take the ones they roll back to.
    private static async Task<GrainflowTestCluster> StartRunningJobAsync(
        string jobId, LosableLeaseCheckpointStorage storage, TempDirectory dir, IReadOnlyList<IReadOnlyList<string>> partitions)
    {
        var log = await ProtocolJob.WriteLogAsync(partitions);
        var cluster = await GrainflowTestCluster.StartAsync();
        try
        {
            await cluster.StartJobAsync(TestJobs.Protocol(
                jobId, log, dir.Sub("out"), TestJobs.Location(storage), new JobOptions { CheckpointInterval = Timeout.InfiniteTimeSpan }, bounded: false));
            await cluster.WaitForStatusAsync(jobId, s => s.Phase == JobPhase.Running, "the job runs");
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }
}
