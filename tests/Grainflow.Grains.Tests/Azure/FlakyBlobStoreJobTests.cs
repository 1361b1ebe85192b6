using Grainflow.Streaming.AzureBlob.Faults;
using Grainflow.Tests.Shared.Azurite;

namespace Grainflow.Grains.Tests.Azure;

/// <summary>
/// A job checkpointing through <see cref="FlakyBlobPolicy"/>: while a share of the blob requests fail (beyond what
/// the client's retries hide) and every request is delayed, checkpoints fail and are counted and records keep flowing;
/// once the faults stop, checkpoints succeed and the committed output is exactly once.
/// </summary>
public sealed class FlakyBlobStoreJobTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const int FlakyCheckpoints = 20;
    private readonly FlakyBlobPolicy _flaky = new(seed: 17);

    [Fact]
    public async Task Checkpoint_ShareOfRequestsFailingWithLatency_FailuresCountedJobContinuesThenCheckpointsSucceed()
    {
        using var dir = new TempDirectory();
        var container = "flaky" + Guid.NewGuid().ToString("N");
        await using var job = await BlobCheckpointedJob.StartAsync(azurite, container, dir.Sub("out"), _flaky);
        await job.AppendAndReadAsync(seed: 11, count: 1_000);
        var (_, healthy) = await job.CheckpointAsync();

        _flaky.FailureRate = 0.5;
        _flaky.MinLatency = TimeSpan.FromMilliseconds(1);
        _flaky.MaxLatency = TimeSpan.FromMilliseconds(10);
        for (var i = 0; i < FlakyCheckpoints; i++)
        {
            await job.AppendAndReadAsync(seed: 100 + i, count: 100);
            await job.CheckpointAsync();
        }

        var flaky = await job.GetStatusAsync();
        _flaky.FailureRate = 0;
        _flaky.MaxLatency = _flaky.MinLatency = TimeSpan.Zero;
        var (lastId, recovered) = await job.CheckpointAsync();
        var output = await job.WaitForCommittedOutputAsync();

        Assert.Equal((1, 0), (healthy.CompletedCount, healthy.FailedCount));
        Assert.True(_flaky.InjectedFaultCount > 0);
        Assert.True(flaky.FailedCount > 0, "no checkpoint failed under faults");
        Assert.Equal(1 + FlakyCheckpoints, flaky.CompletedCount + flaky.FailedCount);
        Assert.Equal(1_000 + (FlakyCheckpoints * 100), await job.SourceRecordsAsync());
        Assert.Equal((lastId, flaky.CompletedCount + 1, flaky.FailedCount), (recovered.LastCompletedCheckpointId, recovered.CompletedCount, recovered.FailedCount));
        Assert.Null(WordCountOracle.FindViolation(WordCountOracle.Count(job.Lines), output));
        var latest = await job.RecoverAsync(azurite, container, _flaky);
        Assert.Equal(lastId, latest.Manifest!.CheckpointId);
        Assert.Empty(latest.Skipped);
    }
}
