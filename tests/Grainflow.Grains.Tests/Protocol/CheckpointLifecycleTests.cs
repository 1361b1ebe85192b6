using Grainflow.Grains.Jobs;
using Grainflow.Grains.Streaming;
using Grainflow.Grains.Tests.Cluster;
using Grainflow.Streaming.Checkpointing.Storage;
using Grainflow.Streaming.Coordination;
using Grainflow.Streaming.Execution;

namespace Grainflow.Grains.Tests.Protocol;

public sealed class CheckpointLifecycleTests
{
    private static readonly JobOptions s_checkpointsOff = new() { CheckpointInterval = Timeout.InfiniteTimeSpan };

    [Fact]
    public async Task Checkpoint_StateUploadFails_AbortedPublishesNothingAndJobFinishesExactlyOnce()
    {
        const string jobId = "protocol-abort";
        using var dir = new TempDirectory();
        var partitions = ProtocolJob.GeneratePartitions(seed: 12, partitions: 3, linesPerPartition: 2_000);
        var log = await ProtocolJob.WriteLogAsync(partitions);
        // Periodic checkpoints off: checkpoint 1 is the final one, triggered once every source ended; its abort
        // must be followed by a new final checkpoint 2.
        var storage = new FaultyCheckpointStorage(dir.Sub("chk"), jobId, failStateWritesOf: 1);

        JobOutcome outcome;
        CheckpointStatus status;
        await using (var cluster = await GrainflowTestCluster.StartAsync())
        {
            outcome = await cluster.RunToEndAsync(TestJobs.Protocol(
                jobId, log, dir.Sub("out"), TestJobs.Location(storage), new JobOptions { CheckpointInterval = Timeout.InfiniteTimeSpan, RetainedCheckpoints = 10 }));
            status = (await cluster.Coordinator(jobId).GetStatusAsync(includeTasks: false)).Checkpoints;
        }

        Assert.True(outcome.Succeeded, outcome.Message);
        Assert.Equal(2, outcome.LastCheckpointId);
        Assert.Equal(1, status.FailedCount);
        Assert.Equal(1, status.CompletedCount);
        Assert.True(storage.FailedStateWrites >= 1);
        Assert.Equal([2L], await ProtocolJob.ListCheckpointIdsAsync(storage, jobId));
        Assert.False(Directory.Exists(Path.Combine(dir.Sub("chk"), jobId, "chk-1")));
        Assert.DoesNotContain(storage.Created, path => path.StartsWith($"{jobId}/chk-1/", StringComparison.Ordinal));
        Assert.Equal([2L], storage.LatestPointerContents.Select(PointedCheckpointId));
        var expected = ProtocolJob.CountWords(partitions.SelectMany(p => p));
        Assert.Null(WordCountOracle.FindViolation(expected, ProtocolJob.ReadCommittedOutputByEpoch(dir.Sub("out")).Select(o => o.Line)));
    }

    [Fact]
    public async Task Publish_PointerWrittenButAnswerLost_CheckpointCountsAsPublishedAndJobGoesOnExactlyOnce()
    {
        const string jobId = "protocol-lost-answer";
        using var dir = new TempDirectory();
        var partitions = ProtocolJob.GeneratePartitions(seed: 16, partitions: 3, linesPerPartition: 500);
        var log = await ProtocolJob.WriteLogAsync(partitions);
        var storage = new FaultyCheckpointStorage(dir.Sub("chk"), jobId, failStateWritesOf: 0, loseAnswerOfPublishing: 2);
        await using var cluster = await GrainflowTestCluster.StartAsync();
        await cluster.StartJobAsync(TestJobs.Protocol(
            jobId, log, dir.Sub("out"), TestJobs.Location(storage), new JobOptions { CheckpointInterval = Timeout.InfiniteTimeSpan, RetainedCheckpoints = 10 }, bounded: false));
        await cluster.WaitForStatusAsync(jobId, s => s.Phase == JobPhase.Running, "the job runs");

        var ids = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await cluster.CheckpointAsync(jobId));
        }

        var status = (await cluster.Coordinator(jobId).GetStatusAsync(includeTasks: false)).Checkpoints;
        Assert.Equal([1L, 2L, 3L], ids);
        Assert.Equal((3L, 3, 0), (status.LastCompletedCheckpointId, status.CompletedCount, status.FailedCount));
        Assert.Equal([1L, 2L, 3L], (await ProtocolJob.ReadManifestsAsync(storage, jobId)).Keys);
        var expected = ProtocolJob.CountWords(partitions.SelectMany(p => p));
        Assert.Null(WordCountOracle.FindViolation(expected, ProtocolJob.ReadCommittedOutputByEpoch(dir.Sub("out")).Select(o => o.Line)));
    }

    [Fact]
    public async Task Decline_ArrivesWhileTheCheckpointIsPublished_CheckpointIsPublishedNotAborted()
    {
        const string jobId = "protocol-abort-during-publish";
        using var dir = new TempDirectory();
        var log = await ProtocolJob.WriteLogAsync(ProtocolJob.GeneratePartitions(seed: 17, partitions: 3, linesPerPartition: 300));
        var storage = new FaultyCheckpointStorage(dir.Sub("chk"), jobId, failStateWritesOf: 0, holdPublishingOf: 1);
        await using var cluster = await GrainflowTestCluster.StartAsync();
        await cluster.StartJobAsync(TestJobs.Protocol(
            jobId, log, dir.Sub("out"), TestJobs.Location(storage), new JobOptions { CheckpointInterval = Timeout.InfiniteTimeSpan }, bounded: false));
        var running = await cluster.WaitForStatusAsync(jobId, s => s.Phase == JobPhase.Running, "the job runs");
        var coordinator = cluster.Coordinator(jobId);

        Assert.Equal(1, await coordinator.TriggerCheckpointAsync());
        await storage.PublishReached.Task.WaitAsync(GrainflowTestCluster.Deadline);
        await coordinator.DeclineAsync(running.Attempt, 1, "lines/0", "a late failure report");
        storage.PublishGate.SetResult();
        var status = await cluster.WaitForStatusAsync(jobId, s => s.Checkpoints.InFlightCheckpointId == 0, "checkpoint 1 ended");

        Assert.Equal((1L, 1, 0), (status.Checkpoints.LastCompletedCheckpointId, status.Checkpoints.CompletedCount, status.Checkpoints.FailedCount));
        Assert.Equal([1L], (await ProtocolJob.ReadManifestsAsync(storage, jobId)).Keys);
        Assert.Equal([1L], storage.LatestPointerContents.Select(PointedCheckpointId));
    }

    [Fact]
    public async Task Publish_RetainTwo_KeepsExactlyTheTwoNewestCompletedCheckpoints()
    {
        const string jobId = "protocol-retention";
        using var dir = new TempDirectory();
        var log = await ProtocolJob.WriteLogAsync(ProtocolJob.GeneratePartitions(seed: 13, partitions: 3, linesPerPartition: 500));
        var storage = new LocalCheckpointStorage(dir.Sub("chk"));
        var present = new List<long[]>();

        await using var cluster = await GrainflowTestCluster.StartAsync();
        await cluster.StartJobAsync(TestJobs.Protocol(
            jobId, log, dir.Sub("out"), TestJobs.Location(storage), new JobOptions { CheckpointInterval = Timeout.InfiniteTimeSpan, RetainedCheckpoints = 2 }, bounded: false));
        await cluster.WaitForStatusAsync(jobId, s => s.Phase == JobPhase.Running, "the job runs");
        for (var expectedId = 1L; expectedId <= 5; expectedId++)
        {
            Assert.Equal(expectedId, await cluster.CheckpointAsync(jobId));
            present.Add([.. await ProtocolJob.ListCheckpointIdsAsync(storage, jobId)]);
        }

        Assert.Equal([[1], [1, 2], [2, 3], [3, 4], [4, 5]], present);
        Assert.Equal([4L, 5L], (await ProtocolJob.ReadManifestsAsync(storage, jobId)).Keys);
        var status = (await cluster.Coordinator(jobId).GetStatusAsync(includeTasks: false)).Checkpoints;
        Assert.Equal((5L, 5, 0), (status.LastCompletedCheckpointId, status.CompletedCount, status.FailedCount));
    }

    [Fact]
    public async Task Start_CheckpointsOfAnotherTopology_ThrowsIncompatibleCheckpointException()
    {
        const string jobId = "protocol-refusal";
        using var dir = new TempDirectory();
        var log = await ProtocolJob.WriteLogAsync(ProtocolJob.GeneratePartitions(seed: 14, partitions: 3, linesPerPartition: 100));
        await using var cluster = await GrainflowTestCluster.StartAsync();
        await RunToEndAsync(cluster, TestJobs.Protocol(jobId, log, dir.Sub("out"), CheckpointLocation.Directory(dir.Sub("chk")), s_checkpointsOff));

        var exception = await Assert.ThrowsAsync<IncompatibleCheckpointException>(() =>
            cluster.StartJobAsync(TestJobs.Protocol(jobId, log, dir.Sub("out2"), CheckpointLocation.Directory(dir.Sub("chk")), new JobOptions(), parallelism: 3)));

        Assert.Contains($"of job '{jobId}' was taken from topology", exception.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be restored into a different dataflow graph", exception.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.Sub("out2")) && Directory.EnumerateFileSystemEntries(dir.Sub("out2")).Any());
    }

    [Fact]
    public async Task Start_CheckpointsOfAnotherJobId_ThrowsIncompatibleCheckpointException()
    {
        using var dir = new TempDirectory();
        var log = await ProtocolJob.WriteLogAsync(ProtocolJob.GeneratePartitions(seed: 15, partitions: 3, linesPerPartition: 100));
        await using var cluster = await GrainflowTestCluster.StartAsync();
        await RunToEndAsync(cluster, TestJobs.Protocol("job-a", log, dir.Sub("out"), CheckpointLocation.Directory(dir.Sub("chk")), s_checkpointsOff));
        // An operator copied job A's checkpoints where job B looks for its own.
        CopyDirectory(Path.Combine(dir.Sub("chk"), "job-a"), Path.Combine(dir.Sub("chk"), "job-b"));

        var exception = await Assert.ThrowsAsync<IncompatibleCheckpointException>(() =>
            cluster.StartJobAsync(TestJobs.Protocol("job-b", log, dir.Sub("out"), CheckpointLocation.Directory(dir.Sub("chk")), new JobOptions())));

        Assert.Contains("belongs to job 'job-a', not to job 'job-b'", exception.Message, StringComparison.Ordinal);
    }

    private static async Task RunToEndAsync(GrainflowTestCluster cluster, JobSpec spec)
    {
        var outcome = await cluster.RunToEndAsync(spec);
        Assert.True(outcome.Succeeded, outcome.Message);
    }

    private static void CopyDirectory(string source, string destination)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(destination, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static long PointedCheckpointId(string pointerJson) =>
        System.Text.Json.JsonDocument.Parse(pointerJson).RootElement.GetProperty("checkpointId").GetInt64();
}
