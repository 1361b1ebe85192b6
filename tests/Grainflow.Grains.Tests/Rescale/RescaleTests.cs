using Grainflow.Grains.Control;
using Grainflow.Grains.Jobs;
using Grainflow.Grains.Jobs.Registry;
using Grainflow.Grains.Streaming;
using Grainflow.Grains.Tests.Cluster;
using Grainflow.Grains.Tests.Protocol;
using Grainflow.Streaming.Checkpointing.Storage;
using Grainflow.Streaming.Execution;

namespace Grainflow.Grains.Tests.Rescale;

/// <summary>
/// Rescaling a running job through a savepoint: a silo joins a 2-silo cluster, the job is rescaled from 2 to 5 keyed
/// tasks, its tasks spread over all 3 silos (the new one takes its share), and its committed output stays exactly once.
/// </summary>
public sealed class RescaleTests
{
    [Fact]
    public async Task SiloJoins_JobRescaledFromTwoToFiveTasks_NewSiloTakesItsShareAndOutputIsExactlyOnce()
    {
        const string jobId = "rescale";
        using var dir = new TempDirectory();
        var partitions = ProtocolJob.GeneratePartitions(seed: 41, partitions: 2, linesPerPartition: 4_000);
        var log = await ProtocolJob.WriteLogAsync(partitions);
        var options = new JobOptions { CheckpointInterval = TimeSpan.FromMilliseconds(100), BatchSize = 64 };
        await using var cluster = await GrainflowTestCluster.StartAsync(silos: 2);
        var spec = TestJobs.Protocol(jobId, log, dir.Sub("out"), TestJobs.Location(new LocalCheckpointStorage(dir.Sub("chk"))), options, parallelism: 2, bounded: false);
        await cluster.Grains.StartRegisteredJobAsync(spec);
        await cluster.WaitForStatusAsync(jobId, s => s.Phase == JobPhase.Running && s.Checkpoints.LastCompletedCheckpointId > 0, "the job runs with a checkpoint");

        var joined = await cluster.Cluster.StartAdditionalSiloAsync();
        await cluster.Cluster.WaitForLivenessToStabilizeAsync();
        var rescaled = await new JobControl(cluster.Grains, []).RescaleAsync(jobId, parallelism: 5);

        Assert.Equal(5, rescaled.Parallelism);
        var status = await cluster.Coordinator(jobId).GetStatusAsync(includeTasks: true);
        Assert.Equal(JobPhase.Running, status.Phase);
        Assert.Equal(5, status.KeyedTasks.Count);
        var record = (await cluster.Registry.GetAsync(jobId))!;
        Assert.Equal("5", record.Spec.Parameters[JobSpec.ParallelismParameter]);
        Assert.Equal(rescaled.Savepoint, record.Spec.FromSavepoint?.Name);

        // 2 sources + 5 keyed tasks on 3 silos: 2 or 3 on each, the joined silo among them.
        var perSilo = status.Sources.Concat(status.KeyedTasks).GroupBy(t => t.Silo).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(3, perSilo.Count);
        Assert.All(perSilo.Values, count => Assert.InRange(count, 2, 3));
        Assert.True(perSilo.ContainsKey(joined.SiloAddress.ToString()));

        var lines = partitions.Sum(p => p.Count);
        await cluster.WaitForStatusAsync(jobId, s => s.Sources.Count > 0 && s.Sources.Sum(t => t.Position) == lines, "the sources read every line", includeTasks: true);
        await cluster.Coordinator(jobId).StopAsync(savepointName: null, drain: true);

        var expected = ProtocolJob.CountWords(partitions.SelectMany(p => p));
        Assert.Null(WordCountOracle.FindViolation(expected, ProtocolJob.ReadCommittedOutputByEpoch(dir.Sub("out")).Select(o => o.Line)));
    }

    [Fact]
    public async Task Rescale_BeyondTheKeyGroups_RefusedBeforeAnythingStops_JobKeepsRunning()
    {
        const string jobId = "rescale-too-far";
        using var dir = new TempDirectory();
        var log = await ProtocolJob.WriteLogAsync(ProtocolJob.GeneratePartitions(seed: 42, partitions: 1, linesPerPartition: 100));
        await using var cluster = await GrainflowTestCluster.StartAsync(silos: 1);
        var spec = TestJobs.Protocol(jobId, log, dir.Sub("out"), TestJobs.Location(new LocalCheckpointStorage(dir.Sub("chk"))),
            new JobOptions { CheckpointInterval = Timeout.InfiniteTimeSpan }, parallelism: 2, bounded: false);
        await cluster.Grains.StartRegisteredJobAsync(spec);
        var running = await cluster.WaitForStatusAsync(jobId, s => s.Phase == JobPhase.Running, "the job runs");

        var refusal = await Assert.ThrowsAsync<JobControlException>(() => new JobControl(cluster.Grains, []).RescaleAsync(jobId, parallelism: 100_000));

        Assert.True(refusal.Error == JobControlError.Invalid, refusal.Message);
        var after = await cluster.Coordinator(jobId).GetStatusAsync(includeTasks: false);
        Assert.Equal((JobPhase.Running, running.Attempt), (after.Phase, after.Attempt));
        Assert.Empty(await cluster.Coordinator(jobId).ListSavepointsAsync());
    }
}
