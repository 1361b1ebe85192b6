using Grainflow.Grains.Streaming;
using Grainflow.Streaming.AzureBlob;
using Grainflow.Streaming.AzureBlob.Faults;
using Grainflow.Tests.Shared.Azurite;
using Microsoft.Extensions.Logging;

namespace Grainflow.Grains.Tests.Azure;

/// <summary>
/// A running job whose writer lease on its blob checkpoint location cannot be renewed (every renewal fails through
/// <see cref="FlakyBlobPolicy"/>): before the lease's term ends the job stops writing and restarts from its last
/// checkpoint, saying why; the restart takes a new lease, and the committed output stays exactly once.
/// </summary>
public sealed class WriterLeaseLossJobTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly FlakyBlobPolicy _flaky = new(seed: 29)
    {
        Faults = BlobFaultKinds.BeforeService,
        Filter = request => request.Headers.TryGetValue("x-ms-lease-action", out var action) && action == "renew",
    };

    [Fact]
    public async Task RunningJob_StoreUnreachablePastItsWriterLease_RestartIsTriedAgainUntilTheStoreAnswersAndStaysExactlyOnce()
    {
        // Every request fails (as in an outage): the lease runs out, the job restarts, and planning the restart cannot
        // read the checkpoint location either. That is a fault that passes: the restart is tried again, under the
        // restart strategy, instead of failing the job.
        var outage = new FlakyBlobPolicy(seed: 31) { Faults = BlobFaultKinds.BeforeService };
        using var dir = new TempDirectory();
        var container = "lease" + Guid.NewGuid().ToString("N");
        await using var job = await BlobCheckpointedJob.StartAsync(
            azurite, container, dir.Sub("out"), outage, leaseDuration: BlobCheckpointStorageOptions.MinLeaseDuration);
        await job.AppendAndReadAsync(seed: 1, count: 1_000);
        var (beforeOutage, _) = await job.CheckpointAsync();

        outage.FailureRate = 1;
        await job.Cluster.WaitForStatusAsync(BlobCheckpointedJob.JobId, s => s.Restarts >= 2, "the job's restart was tried again while the store was unreachable");
        outage.FailureRate = 0;
        await job.Cluster.WaitForStatusAsync(BlobCheckpointedJob.JobId, s => s.Phase == JobPhase.Running, "the job runs again");
        await job.AppendAndReadAsync(seed: 2, count: 1_000);
        var (afterOutage, _) = await job.CheckpointAsync();
        var output = await job.WaitForCommittedOutputAsync();

        Assert.True(afterOutage > beforeOutage);
        Assert.Null(WordCountOracle.FindViolation(WordCountOracle.Count(job.Lines), output));
        Assert.Contains(
            job.Log.Entries,
            e => e.Category == typeof(JobCoordinatorGrain).FullName && e.EventId.Id == 4011 && e.Message.Contains("restarting from the last checkpoint failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunningJob_WriterLeaseRenewalsFail_JobRestartsFromItsLastCheckpointAndStaysExactlyOnce()
    {
        using var dir = new TempDirectory();
        var container = "lease" + Guid.NewGuid().ToString("N");
        await using var job = await BlobCheckpointedJob.StartAsync(
            azurite, container, dir.Sub("out"), _flaky, leaseDuration: BlobCheckpointStorageOptions.MinLeaseDuration);
        await job.AppendAndReadAsync(seed: 1, count: 1_000);
        var (beforeLoss, _) = await job.CheckpointAsync();

        _flaky.FailureRate = 1;
        await job.Cluster.WaitForStatusAsync(BlobCheckpointedJob.JobId, s => s.Restarts == 1, "the job restarted after losing its lease");
        _flaky.FailureRate = 0;
        await job.Cluster.WaitForStatusAsync(BlobCheckpointedJob.JobId, s => s.Phase == JobPhase.Running, "the job runs again");
        await job.AppendAndReadAsync(seed: 2, count: 1_000);
        var (afterLoss, status) = await job.CheckpointAsync();
        var output = await job.WaitForCommittedOutputAsync();

        Assert.True(_flaky.InjectedFaultCount > 0);
        Assert.Equal((afterLoss, 2, 0), (status.LastCompletedCheckpointId, status.CompletedCount, status.FailedCount));
        Assert.True(afterLoss > beforeLoss);
        Assert.Null(WordCountOracle.FindViolation(WordCountOracle.Count(job.Lines), output));

        var lost = Assert.Single(job.Log.Entries, e => e.EventId.Id == 2211);
        Assert.Equal((typeof(BlobCheckpointStorage).FullName, LogLevel.Error), (lost.Category, lost.Level));
        Assert.StartsWith($"Lost the writer lease of job {BlobCheckpointedJob.JobId} on {azurite.ServiceUri}/{container}: it could not be renewed for 12", lost.Message, StringComparison.Ordinal);
        var restart = Assert.Single(job.Log.Entries, e => e.Category == typeof(JobCoordinatorGrain).FullName && e.EventId.Id == 4011);
        Assert.Contains(
            $"(restart 1): the writer lease of job {BlobCheckpointedJob.JobId} on its checkpoint location was lost (it could not be renewed for 12",
            restart.Message,
            StringComparison.Ordinal);
        Assert.EndsWith($"the job stops writing there and restarts from checkpoint {beforeLoss}", restart.Message, StringComparison.Ordinal);
        var recovered = await job.RecoverAsync(azurite, container);
        Assert.Equal(afterLoss, recovered.Manifest!.CheckpointId);
    }
}
