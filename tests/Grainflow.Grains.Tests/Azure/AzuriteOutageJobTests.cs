using Grainflow.Grains.Streaming;
using Grainflow.Streaming.AzureBlob;
using Grainflow.Tests.Shared.Azurite;
using Microsoft.Extensions.Logging;

namespace Grainflow.Grains.Tests.Azure;

/// <summary>
/// Azurite stopped under a running job that checkpoints to it: every checkpoint fails and is counted, the log says so
/// without a line per failure, records keep flowing, the first checkpoint after Azurite returns succeeds, and the
/// committed output is exactly once. The job's writer lease has the longest term (60 s), so the outage ends long
/// before the lease could be lost (an outage past that fails the job back to its last checkpoint: WriterLeaseLossJobTests).
/// This class stops its own emulator (a class fixture), never a shared one.
/// </summary>
public sealed class AzuriteOutageJobTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const int FailedWhileDown = 12;

    [Fact]
    public async Task Checkpoint_AzuriteStoppedThenRestarted_FailuresCountedQuietlyAndFirstCheckpointAfterRestartSucceeds()
    {
        using var dir = new TempDirectory();
        var container = "outage" + Guid.NewGuid().ToString("N");
        await using var job = await BlobCheckpointedJob.StartAsync(azurite, container, dir.Sub("out"), leaseDuration: BlobCheckpointStorageOptions.MaxLeaseDuration);
        await job.AppendAndReadAsync(seed: 1, count: 2_000);
        var (firstId, beforeOutage) = await job.CheckpointAsync();

        await azurite.StopAsync();
        var failedIds = new List<long>();
        for (var i = 0; i < FailedWhileDown; i++)
        {
            failedIds.Add((await job.CheckpointAsync()).Id);
        }

        await job.AppendAndReadAsync(seed: 2, count: 2_000);
        var duringOutage = await job.GetStatusAsync();
        await azurite.RestartAsync();
        await job.AppendAndReadAsync(seed: 3, count: 2_000);
        var (afterId, afterRestart) = await job.CheckpointAsync();
        var output = await job.WaitForCommittedOutputAsync();

        Assert.Equal((firstId, 1, 0), (beforeOutage.LastCompletedCheckpointId, beforeOutage.CompletedCount, beforeOutage.FailedCount));
        Assert.Equal((firstId, 1, FailedWhileDown), (duringOutage.LastCompletedCheckpointId, duringOutage.CompletedCount, duringOutage.FailedCount));
        Assert.Equal(failedIds[^1] + 1, afterId);
        Assert.Equal((afterId, 2, FailedWhileDown), (afterRestart.LastCompletedCheckpointId, afterRestart.CompletedCount, afterRestart.FailedCount));
        Assert.Null(WordCountOracle.FindViolation(WordCountOracle.Count(job.Lines), output));

        var recovered = await job.RecoverAsync(azurite, container);
        Assert.Equal(afterId, recovered.Manifest!.CheckpointId);
        Assert.Empty(recovered.Skipped);

        // 12 failures in a row: warnings for the 1st and the 10th only, the others at Debug, then one line on recovery.
        var coordinator = job.Log.Entries.Where(e => e.Category == typeof(JobCoordinatorGrain).FullName).ToList();
        Assert.Equal([1, 10], coordinator.Where(e => e.EventId.Id == 4002).Select(e => failedIds.IndexOf(CheckpointIdIn(e.Message)) + 1));
        Assert.All(coordinator.Where(e => e.EventId.Id == 4002), e => Assert.Equal(LogLevel.Warning, e.Level));
        Assert.Equal(FailedWhileDown - 2, coordinator.Count(e => e.EventId.Id == 4004 && e.Level == LogLevel.Debug));
        Assert.Equal(
            $"Checkpoint {afterId} completed after {FailedWhileDown} consecutive failed checkpoints.",
            Assert.Single(coordinator, e => e.EventId.Id == 4006).Message);

        // The SDK's retried failures while Azurite was down: the first and every 50th in the run are warnings, and these
        // are the storage's only warnings besides the lease's (a renewal that fell into the outage warns once); then one
        // line when the store answers again.
        var blob = job.Log.Entries.Where(e => e.Category == typeof(BlobCheckpointStorage).FullName).ToList();
        Assert.InRange(blob.Count(e => e.EventId.Id == 2209), 0, 1);
        Assert.DoesNotContain(blob, e => e.EventId.Id == 2211);
        blob.RemoveAll(e => e.EventId.Id is 2209 or 2210);
        var retries = blob.Count(e => e.EventId.Id is 2204 or 2205);
        Assert.True(retries >= FailedWhileDown * 2, $"{retries} retries logged");
        Assert.Equal(1 + (retries / 50), blob.Count(e => e.Level >= LogLevel.Warning));
        Assert.Single(blob, e => e.EventId.Id == 2206);
    }

    private static long CheckpointIdIn(string message) =>
        long.Parse(message.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
}
