using Grainflow.Grains.Tests.Cluster;
using Grainflow.Streaming.Checkpointing.Storage;
using Grainflow.Streaming.Coordination;
using Grainflow.Streaming.Execution;
using Microsoft.Extensions.Logging.Abstractions;

namespace Grainflow.Grains.Tests.Protocol;

public sealed class SnapshotConsistencyTests
{
    private const string JobId = "protocol-snapshots";

    [Fact]
    public async Task Checkpoint_ThreePartitionsAlignedAtKeyedTasks_SnapshotEqualsStateAfterExactlyTheRecordsBeforeBarrier()
    {
        using var dir = new TempDirectory();
        var partitions = ProtocolJob.GeneratePartitions(seed: 11, partitions: 3, linesPerPartition: 15_000);

        // Every source stops halfway until at least two checkpoints completed there, so that checkpoints are taken
        // mid-stream however fast the job runs (a timing guard used to fail when it ran fast).
        const long Halfway = 7_500;
        var log = new GatedLog(await ProtocolJob.WriteLogAsync(partitions), pauseAt: Halfway);
        var storage = new LocalCheckpointStorage(dir.Sub("chk"));
        var graph = ProtocolJob.BuildWordCount(JobId, log, dir.Sub("out"), parallelism: 2);

        JobOutcome outcome;
        CheckpointStatus status;
        await using (var cluster = await GrainflowTestCluster.StartAsync())
        {
            await cluster.StartJobAsync(TestJobs.Protocol(
                JobId, log, dir.Sub("out"), TestJobs.Location(storage), new JobOptions { CheckpointInterval = TimeSpan.FromMilliseconds(10), RetainedCheckpoints = 10_000 }));
            var atGate = await cluster.WaitForStatusAsync(
                JobId, s => s.CommittedOffsets.Count == 3 && s.CommittedOffsets.All(o => o.Offset >= Halfway), "a checkpoint completed with every source at its gate");
            await cluster.WaitForStatusAsync(
                JobId, s => s.Checkpoints.CompletedCount > atGate.Checkpoints.CompletedCount, "a second checkpoint completed at the gates");
            for (var partition = 0; partition < 3; partition++)
            {
                log.Open(partition);
            }

            outcome = await cluster.WaitForOutcomeAsync(JobId);
            status = (await cluster.Coordinator(JobId).GetStatusAsync(includeTasks: false)).Checkpoints;
        }

        Assert.True(outcome.Succeeded, outcome.Message);
        var manifests = await ProtocolJob.ReadManifestsAsync(storage, JobId);
        Assert.True(status.CompletedCount == manifests.Count, $"completed {status.CompletedCount}, failed {status.FailedCount}, last {status.LastCompletedCheckpointId}, history [{string.Join(",", status.History.Select(h => h.CheckpointId))}], manifests [{string.Join(",", manifests.Keys)}], outcome last {outcome.LastCheckpointId}");
        Assert.Equal(outcome.LastCheckpointId, manifests.Keys.Max());
        var total = partitions.Sum(p => (long)p.Count);
        var midStream = manifests.Values.Count(m => m.SourceOffsets.Sum(o => o.Offset) is var read && read > 0 && read < total);
        Assert.True(midStream >= 2, $"only {midStream} of {manifests.Count} checkpoints were taken mid-stream; the test proves little");

        var checkpoints = new CheckpointManager(storage, JobId, graph.TopologyFingerprint, NullLogger<CheckpointManager>.Instance);
        var output = ProtocolJob.ReadCommittedOutputByEpoch(dir.Sub("out"));
        foreach (var manifest in manifests.Values)
        {
            var id = manifest.CheckpointId;
            Assert.Equal(3, manifest.SourceOffsets.Count);
            var expected = ProtocolJob.CountWords(manifest.SourceOffsets.SelectMany(o =>
            {
                Assert.Equal(ProtocolJob.SourceId, o.SourceId);
                return partitions[o.Partition].Take(checked((int)o.Offset));
            }));

            Assert.Equal(2, manifest.TaskStates.Count);
            var restoredWords = 0;
            foreach (var state in manifest.TaskStates)
            {
                var backend = await ProtocolJob.RestoreCountStateAsync(checkpoints, state);
                var owned = expected.Where(e => backend.KeyGroups.Contains(ProtocolJob.KeyGroupOf(e.Key))).ToList();
                Assert.True(owned.Count == backend.CountOf("count"), $"checkpoint {id}, task {state.Task.KeyGroupStart}-{state.Task.KeyGroupEnd}: {backend.CountOf("count")} words in state, {owned.Count} expected");
                foreach (var (word, count) in owned)
                {
                    Assert.True(backend.TryRead<long>("count", word, out var actual) && actual == count, $"checkpoint {id}: '{word}' is {actual} in state, {count} before the barrier");
                }

                restoredWords += owned.Count;
            }

            Assert.Equal(expected.Count, restoredWords);
            var committedUpToId = output.Where(o => o.Epoch <= id).Select(o => o.Line);
            Assert.Null(WordCountOracle.FindViolation(expected, committedUpToId));
        }
    }
}
