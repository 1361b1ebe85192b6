using Grainflow.Grains.Streaming;
using Grainflow.Streaming.AzureBlob;
using Grainflow.Streaming.AzureBlob.Faults;
using Grainflow.Streaming.Coordination;
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
    [Fact]
    public async Task RunningJob_StoreUnreachablePastItsWriterLease_RestartIsTriedAgainUntilTheStoreAnswersAndStaysExactlyOnce()
    {
        // Every request fails (as in an outage): the lease runs out, the job restarts, and planning the restart cannot
        // read the checkpoint location either. That is a fault that passes: the restart is tried again, under the
        // restart strategy, instead of failing the job.
        var outage = new FlakyBlobPolicy(seed: 31) { Faults = BlobFaultKinds.BeforeService };
        using var dir = new TempDirectory();
        var started = await StartAndCheckpointAsync(dir, outage);
        await using var job = started.Job;

        outage.FailureRate = 1;
        await job.Cluster.WaitForStatusAsync(BlobCheckpointedJob.JobId, s => s.Restarts >= 2, "the job's restart was tried again while the store was unreachable");
        outage.FailureRate = 0;
        await ResumeAndCheckpointAsync(job, started.Checkpoint);

        Assert.Contains(
            job.Log.Entries,
            e => e.Category == typeof(JobCoordinatorGrain).FullName && e.EventId.Id == 4011 && e.Message.Contains("restarting from the last checkpoint failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunningJob_WriterLeaseRenewalsFail_JobRestartsFromItsLastCheckpointAndStaysExactlyOnce()
    {
        var renewalsFail = new FlakyBlobPolicy(seed: 29)
        {
            Faults = BlobFaultKinds.BeforeService,
            Filter = request => request.Headers.TryGetValue("x-ms-lease-action", out var action) && action == "renew",
        };
        using var dir = new TempDirectory();
        var started = await StartAndCheckpointAsync(dir, renewalsFail);
        await using var job = started.Job;

        renewalsFail.FailureRate = 1;
        await job.Cluster.WaitForStatusAsync(BlobCheckpointedJob.JobId, s => s.Restarts == 1, "the job restarted after losing its lease");
        renewalsFail.FailureRate = 0;
        var (afterLoss, status) = await ResumeAndCheckpointAsync(job, started.Checkpoint);

        Assert.True(renewalsFail.InjectedFaultCount > 0);
        Assert.Equal((afterLoss, 2, 0), (status.LastCompletedCheckpointId, status.CompletedCount, status.FailedCount));
        var lost = Assert.Single(job.Log.Entries, e => e.EventId.Id == 2211);
        Assert.Equal((typeof(BlobCheckpointStorage).FullName, LogLevel.Error), (lost.Category, lost.Level));
        Assert.StartsWith($"Lost the writer lease of job {BlobCheckpointedJob.JobId} on {azurite.ServiceUri}/{started.Container}: it could not be renewed for 12", lost.Message, StringComparison.Ordinal);
        var restart = Assert.Single(job.Log.Entries, e => e.Category == typeof(JobCoordinatorGrain).FullName && e.EventId.Id == 4011);
        Assert.Contains(
            $"(restart 1): the writer lease of job {BlobCheckpointedJob.JobId} on its checkpoint location was lost (it could not be renewed for 12",
            restart.Message,
            StringComparison.Ordinal);
        Assert.EndsWith($"the job stops writing there and restarts from checkpoint {started.Checkpoint}", restart.Message, StringComparison.Ordinal);
        var recovered = await job.RecoverAsync(azurite, started.Container);
        Assert.Equal(afterLoss, recovered.Manifest!.CheckpointId);
    }

    /// <summary>
    /// Starts the job on a fresh container with the shortest writer lease, its requests passing <paramref name="faults"/>
    /// (healthy until the test raises its failure rate), and takes a checkpoint of 1,000 lines.
    /// </summary>
    private async Task<(BlobCheckpointedJob Job, string Container, long Checkpoint)> StartAndCheckpointAsync(TempDirectory dir, FlakyBlobPolicy faults)
    {
        var container = "lease" + Guid.NewGuid().ToString("N");
        var job = await BlobCheckpointedJob.StartAsync(azurite, container, dir.Sub("out"), faults, leaseDuration: BlobCheckpointStorageOptions.MinLeaseDuration);
        try
        {
            await job.AppendAndReadAsync(seed: 1, count: 1_000);
            var (checkpoint, _) = await job.CheckpointAsync();
            return (job, container, checkpoint);
        }
        catch
        {
            await job.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Once the job runs again: appends 1,000 more lines, takes a checkpoint newer than <paramref name="before"/>, and
    /// checks that the committed output counts every line exactly once.
    /// </summary>
    private static async Task<(long Checkpoint, CheckpointStatus Status)> ResumeAndCheckpointAsync(BlobCheckpointedJob job, long before)
    {
        await job.Cluster.WaitForStatusAsync(BlobCheckpointedJob.JobId, s => s.Phase == JobPhase.Running, "the job runs again");
        await job.AppendAndReadAsync(seed: 2, count: 1_000);
        var (after, status) = await job.CheckpointAsync();
        var output = await job.WaitForCommittedOutputAsync();

        Assert.True(after > before, $"checkpoint {after} after the restart is not newer than checkpoint {before} before it");
        Assert.Null(WordCountOracle.FindViolation(WordCountOracle.Count(job.Lines), output));
        return (after, status);
    }
}
