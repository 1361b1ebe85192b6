using Grainflow.Grains.Streaming;
using Grainflow.Grains.Tests.Cluster;
using Grainflow.Streaming.Checkpointing.Storage;
using Grainflow.Streaming.Execution;
using Grainflow.Streaming.Sources;

namespace Grainflow.Grains.Tests.Protocol;

public sealed class BackPressureTests
{
    private const int Credits = 4;

    // A source reads this many log records at a time, and the in-memory log hands out that many at once.
    private const int ReadSize = LogRecordBatch.DefaultMaxRecords;

    [Fact]
    public async Task Alignment_OneChannelsBarrierHeldBack_ReceiverBuffersAtMostTheCreditsAndSenderWaitsThenAllFlowsExactlyOnce()
    {
        const string jobId = "protocol-backpressure";
        using var dir = new TempDirectory();

        // One keyed task with two input channels: partition 0 has far more than its credits' worth of batches after
        // the barrier; partition 1 holds its barrier back until its gate opens.
        var partitions = ProtocolJob.GeneratePartitions(seed: 21, partitions: 2, linesPerPartition: 5_000);
        partitions[1].RemoveRange(200, partitions[1].Count - 200);
        var log = new GatedLog(await ProtocolJob.WriteLogAsync(partitions));
        var storage = new LocalCheckpointStorage(dir.Sub("chk"));
        var wordsOfFirstRead = ProtocolJob.CountWords(partitions[0].Take(ReadSize)).Values.Sum();
        var options = new JobOptions { CheckpointInterval = Timeout.InfiniteTimeSpan, BatchSize = 16, ChannelCredits = Credits, RetainedCheckpoints = 10 };

        JobOutcome outcome;
        JobStatus stalled;
        long checkpointId;
        await using (var cluster = await GrainflowTestCluster.StartAsync())
        {
            await cluster.StartJobAsync(TestJobs.Protocol(jobId, log, dir.Sub("out"), TestJobs.Location(storage), options, parallelism: 1));
            await cluster.WaitForStatusAsync(jobId, status => status.Phase == JobPhase.Running, "the job runs");

            // Both sources wait in their first read; each emits barrier 1 right after the read its gate releases. Source 0
            // then reads once more and must stop there: its channel is held back by the alignment, the receiver gives
            // no credit back for it, and its batches past the barrier fill the credits.
            checkpointId = await cluster.Coordinator(jobId).TriggerCheckpointAsync();
            Assert.True(checkpointId > 0, "checkpoint 1 was not triggered");
            log.Open(0);
            stalled = await cluster.WaitForStatusAsync(
                jobId,
                status => status.Sources.Single(s => s.Index == 0) is { IsBackPressured: true, Position: 2 * ReadSize }
                    && status.KeyedTasks.Single().RecordsIn == wordsOfFirstRead,
                "source 0 waits for credit after one read past the barrier, all before the barrier processed",
                includeTasks: true);

            log.Open(1);
            outcome = await cluster.WaitForOutcomeAsync(jobId);
        }

        Assert.True(outcome.Succeeded, outcome.Message);
        Assert.Equal(Credits, stalled.KeyedTasks.Single().PeakBufferedBatches);
        var aligned = (await ProtocolJob.ReadManifestsAsync(storage, jobId))[checkpointId];
        Assert.Equal(ReadSize, aligned.SourceOffsets.Single(o => o.Partition == 0).Offset);
        Assert.Equal(partitions[1].Count, aligned.SourceOffsets.Single(o => o.Partition == 1).Offset);

        // Once barrier 1 arrived on channel 1, everything flowed, and every word was counted exactly once.
        var expected = ProtocolJob.CountWords(partitions.SelectMany(p => p));
        Assert.Null(WordCountOracle.FindViolation(expected, ProtocolJob.ReadCommittedOutputByEpoch(dir.Sub("out")).Select(o => o.Line)));
    }

    [Fact]
    public async Task Run_KeyedTasksFeedKeyedTasksOnOneCredit_EveryWordCountedExactlyOnceAndSendersWaited()
    {
        const string jobId = "protocol-backpressure-two-stage";
        using var dir = new TempDirectory();
        var partitions = ProtocolJob.GeneratePartitions(seed: 22, partitions: 3, linesPerPartition: 3_000);
        var log = await ProtocolJob.WriteLogAsync(partitions);
        var storage = new LocalCheckpointStorage(dir.Sub("chk"));

        // One credit and tiny batches: the counting tasks' output waits for credit all the time, so they stop taking
        // input and give credit back later, while barriers every few milliseconds align at both keyed stages.
        var options = new JobOptions { CheckpointInterval = TimeSpan.FromMilliseconds(20), BatchSize = 8, ChannelCredits = 1, RetainedCheckpoints = 10_000 };
        JobOutcome outcome;
        long countingTasksWaits = 0;
        await using (var cluster = await GrainflowTestCluster.StartAsync())
        {
            await cluster.StartJobAsync(TestJobs.TwoStage(jobId, log, dir.Sub("out"), TestJobs.Location(storage), options));
            var status = await cluster.WaitForStatusAsync(
                jobId,
                status => status.Outcome is not null || status.KeyedTasks.Where(t => t.OperatorId == ProtocolJob.CountOperatorId).Sum(t => t.BackPressureWaits) > 0,
                "a counting task waited for credit",
                includeTasks: true);
            countingTasksWaits = status.KeyedTasks.Where(t => t.OperatorId == ProtocolJob.CountOperatorId).Sum(t => t.BackPressureWaits);
            outcome = await cluster.WaitForOutcomeAsync(jobId);
        }

        Assert.True(outcome.Succeeded, outcome.Message);
        Assert.True(countingTasksWaits > 0, "no counting task ever waited for credit; the test proves little");
        Assert.True(outcome.LastCheckpointId > 1, "only the final checkpoint was taken");
        var expected = ProtocolJob.CountWords(partitions.SelectMany(p => p));
        Assert.Null(WordCountOracle.FindViolation(expected, ProtocolJob.ReadCommittedOutputByEpoch(dir.Sub("out")).Select(o => o.Line)));
    }
}
