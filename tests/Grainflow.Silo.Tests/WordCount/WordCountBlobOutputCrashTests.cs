using System.Text;
using Azure;
using Azure.Storage.Blobs.Models;
using Grainflow.Silo.Tests.Process;
using Grainflow.Streaming.AzureBlob;
using Grainflow.Tests.Shared.Azurite;

namespace Grainflow.Silo.Tests.WordCount;

/// <summary>
/// The exactly-once claim of the blob sink: the wordcount command with <c>--output-store</c> pointing at Azurite is
/// killed hard (SIGKILL) mid-run, then run again to its end. The committed blobs must hold exactly the word counts of
/// the input, and no line any run wrote may contain the account key.
/// </summary>
public sealed class WordCountBlobOutputCrashTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Paused = "[fault] paused inside the write of checkpoint file";

    // The run to kill is held at its third checkpoint's first state write: it cannot finish the input before the kill
    // lands, while the first two checkpoints complete and commit output.
    private static readonly Dictionary<string, string> s_pauseFromCheckpoint3 = new()
    {
        ["GRAINFLOW_FAULT_PAUSE_STATE_WRITE_MS"] = "60000",
        ["GRAINFLOW_FAULT_PAUSE_STATE_WRITE_FROM_CHECKPOINT"] = "3",
    };

    [Fact]
    public async Task WordCount_OutputStoreKilledHardMidRun_CommittedBlobsAreExactlyOnce()
    {
        using var dir = new TempDirectory();
        var lines = await WordCountInput.WriteAsync(dir.Sub("input.txt"), seed: 33, words: 1_500_000, vocabulary: 30_000);
        var expected = WordCountOracle.Count(lines);
        var container = "out" + Guid.NewGuid().ToString("N");
        string[] args =
        [
            "wordcount", "--input", dir.Sub("input.txt"), "--output-store", azurite.ConnectionString, "--output-container", container,
            "--checkpoint-dir", dir.Sub("chk"), "--checkpoint-interval", "50ms", "--log-level", "Warning",
        ];

        ProcessResult killed;
        Dictionary<string, string> committedBeforeKill;
        await using (var midRun = SiloProcess.Start(s_pauseFromCheckpoint3, args))
        {
            await midRun.WaitForOutputLineAsync(Paused);
            // Killed once some output is committed, so the rerun must leave committed blobs alone and go on after them.
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while ((committedBeforeKill = await CommittedBlobsAsync(container)).Count == 0)
            {
                Assert.True(DateTime.UtcNow < deadline, "no blob was committed within 60 s of checkpoint 3's start");
                await Task.Delay(20);
            }

            killed = await midRun.KillAsync();
        }

        var committedAtKill = await CommittedBlobsAsync(container);
        var final = await SiloProcess.RunAsync(args);

        Assert.True(final.ExitCode == 0, final.ToString());
        Assert.DoesNotContain(killed.Output, l => l.Contains("[wordcount] done", StringComparison.Ordinal));
        Assert.Contains(final.Output, l => l.Contains("resuming from checkpoint", StringComparison.Ordinal));
        Assert.Contains(final.Output, l => l.StartsWith("[wordcount] input ", StringComparison.Ordinal)
            && l.Contains($"output blob container {azurite.ServiceUri}/{container}/wordcount/ ", StringComparison.Ordinal));
        Assert.True(committedAtKill.Count >= committedBeforeKill.Count);
        var committed = await CommittedBlobsAsync(container);
        // Committed blobs are never replaced: what the killed run committed is still there, unchanged.
        Assert.All(committedAtKill, blob => Assert.Equal(blob.Value, committed[blob.Key]));
        Assert.All(committed.Keys, name => Assert.Matches(@"^wordcount/part-counts-[01]-[1-9][0-9]*\.txt$", name));
        Assert.Null(WordCountOracle.FindViolation(expected, committed.Values.SelectMany(c => c.Split('\n', StringSplitOptions.RemoveEmptyEntries))));
        var key = AzuriteFixture.AccountKey;
        Assert.All(new[] { killed, final }, run => Assert.DoesNotContain(run.Output.Concat(run.Error), l => l.Contains(key, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task WordCount_OutputStoreNewestCheckpointStateGarbledAfterKill_SameCommandRecoversExactlyPastIt()
    {
        using var dir = new TempDirectory();
        var lines = await WordCountInput.WriteAsync(dir.Sub("input.txt"), seed: 34, words: 1_500_000, vocabulary: 30_000);
        var container = "out" + Guid.NewGuid().ToString("N");
        string[] args =
        [
            "wordcount", "--input", dir.Sub("input.txt"), "--output-store", azurite.ConnectionString, "--output-container", container,
            "--checkpoint-dir", dir.Sub("chk"), "--checkpoint-interval", "50ms", "--log-level", "Warning",
        ];
        await using (var midRun = SiloProcess.Start(s_pauseFromCheckpoint3, args))
        {
            await midRun.WaitForOutputLineAsync(Paused);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while ((await CommittedBlobsAsync(container)).Count == 0)
            {
                Assert.True(DateTime.UtcNow < deadline, "no blob was committed within 60 s of checkpoint 3's start");
                await Task.Delay(20);
            }

            await midRun.KillAsync();
        }

        var newest = await CheckpointDamage.PublishedCheckpointAsync(dir.Sub("chk"));
        await CheckpointDamage.GarbleAStateFileAsync(newest);
        var committedAtKill = await CommittedBlobsAsync(container);

        var again = await SiloProcess.RunAsync(args);

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains(again.Output, l => l.Contains($"checkpoint {CheckpointDamage.IdOf(newest)} is damaged at ", StringComparison.Ordinal)
            && l.Contains("recovering exactly past it", StringComparison.Ordinal));
        var committed = await CommittedBlobsAsync(container);
        Assert.All(committedAtKill, blob => Assert.Equal(blob.Value, committed[blob.Key]));
        Assert.Null(WordCountOracle.FindViolation(WordCountOracle.Count(lines), committed.Values.SelectMany(c => c.Split('\n', StringSplitOptions.RemoveEmptyEntries))));
    }

    private async Task<Dictionary<string, string>> CommittedBlobsAsync(string containerName)
    {
        var container = BlobCheckpointContainer.FromConnectionString(azurite.ConnectionString, containerName);
        var blobs = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions { Prefix = "wordcount/" }))
            {
                var content = await container.GetBlobClient(item.Name).DownloadContentAsync();
                blobs[item.Name] = Encoding.UTF8.GetString(content.Value.Content.ToArray());
            }
        }
        catch (RequestFailedException e) when (e.ErrorCode == "ContainerNotFound")
        {
            // Not created yet: nothing committed.
        }

        return blobs;
    }
}
