using Grainflow.Grains.Streaming;
using Grainflow.Grains.Tests.Cluster;
using Grainflow.Grains.Tests.Protocol;
using Grainflow.Streaming.Checkpointing.Storage;
using Grainflow.Streaming.Execution;

namespace Grainflow.Grains.Tests.Recovery;

/// <summary>
/// The restart strategy on a 3-silo cluster: a silo that runs tasks of a job is lost, the job rolls back to its last
/// completed checkpoint on the survivors, and the committed output is still exactly once. (The test host's kill
/// declares the silo dead itself; the real-process kill -9 runs in the Silo tests.)
/// </summary>
public sealed class SiloLossTests
{
    [Fact]
    public async Task SiloRunningTasksIsLost_JobRollsBackToItsLastCheckpointOnTheSurvivors_OutputExactlyOnce()
    {
        const string jobId = "silo-loss";
        using var dir = new TempDirectory();
        var partitions = ProtocolJob.GeneratePartitions(seed: 31, partitions: 3, linesPerPartition: 3_000);
        var log = await ProtocolJob.WriteLogAsync(partitions);
        var options = new JobOptions { CheckpointInterval = Timeout.InfiniteTimeSpan, BatchSize = 64 };
        await using var cluster = await GrainflowTestCluster.StartAsync();
        await cluster.StartJobAsync(TestJobs.Protocol(
            jobId, log, dir.Sub("out"), TestJobs.Location(new LocalCheckpointStorage(dir.Sub("chk"))), options, parallelism: 4, bounded: false));
        var running = await cluster.WaitForStatusAsync(jobId, s => s.Phase == JobPhase.Running, "the job runs");
        var checkpoint = await cluster.CheckpointAsync(jobId);

        // A silo with tasks of the job but not its coordinator: the coordinator sees the loss through membership.
        var status = await cluster.Coordinator(jobId).GetStatusAsync(includeTasks: true);
        var victim = cluster.Cluster.Silos.First(silo =>
            status.CoordinatorSilo != silo.SiloAddress.ToString() && status.KeyedTasks.Concat(status.Sources).Any(t => t.Silo == silo.SiloAddress.ToString()));
        await cluster.Cluster.KillSiloAsync(victim);

        var restarted = await cluster.WaitForStatusAsync(jobId, s => s.Restarts >= 1 && s.Phase == JobPhase.Running, "the job restarted");
        Assert.NotEqual(running.Attempt, restarted.Attempt);
        Assert.True(restarted.Checkpoints.LastCompletedCheckpointId >= checkpoint);
        var lines = partitions.Sum(p => p.Count);
        var caughtUp = await cluster.WaitForStatusAsync(
            jobId, s => s.Sources.Count > 0 && s.Sources.Sum(t => t.Position) == lines, "the sources read every line again", includeTasks: true);
        Assert.DoesNotContain(caughtUp.KeyedTasks.Concat(caughtUp.Sources), t => t.Silo == victim.SiloAddress.ToString());

        await cluster.Coordinator(jobId).StopAsync(savepointName: null, drain: true);

        var expected = ProtocolJob.CountWords(partitions.SelectMany(p => p));
        Assert.Null(WordCountOracle.FindViolation(expected, ProtocolJob.ReadCommittedOutputByEpoch(dir.Sub("out")).Select(o => o.Line)));
    }

    [Fact]
    public async Task SiloRunningTasksIsLost_NoRestartsAllowed_JobFailsNamingTheLostSilo()
    {
        const string jobId = "silo-loss-no-restarts";
        using var dir = new TempDirectory();
        var log = await ProtocolJob.WriteLogAsync(ProtocolJob.GeneratePartitions(seed: 32, partitions: 3, linesPerPartition: 200));
        var options = new JobOptions { CheckpointInterval = Timeout.InfiniteTimeSpan, Restart = RestartStrategy.None };
        await using var cluster = await GrainflowTestCluster.StartAsync();
        await cluster.StartJobAsync(TestJobs.Protocol(
            jobId, log, dir.Sub("out"), TestJobs.Location(new LocalCheckpointStorage(dir.Sub("chk"))), options, parallelism: 4, bounded: false));
        await cluster.WaitForStatusAsync(jobId, s => s.Phase == JobPhase.Running, "the job runs");
        var status = await cluster.Coordinator(jobId).GetStatusAsync(includeTasks: true);
        var victim = cluster.Cluster.Silos.First(silo =>
            status.CoordinatorSilo != silo.SiloAddress.ToString() && status.KeyedTasks.Concat(status.Sources).Any(t => t.Silo == silo.SiloAddress.ToString()));

        await cluster.Cluster.KillSiloAsync(victim);

        var outcome = await cluster.WaitForOutcomeAsync(jobId);
        Assert.Equal(JobEndKind.Failed, outcome.Kind);
        Assert.Contains(victim.SiloAddress.ToString(), outcome.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await cluster.Coordinator(jobId).GetStatusAsync(includeTasks: false)).Restarts);
    }
}
