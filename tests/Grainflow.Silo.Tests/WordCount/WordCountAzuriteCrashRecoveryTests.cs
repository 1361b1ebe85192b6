using Grainflow.Silo.Tests.Process;
using Grainflow.Tests.Shared.Azurite;

namespace Grainflow.Silo.Tests.WordCount;

/// <summary>
/// The exactly-once claim with checkpoints in Azure Blob Storage: the wordcount command with
/// <c>--checkpoint-store</c> pointing at Azurite is killed hard (SIGKILL) mid-run, while a checkpoint state blob is half
/// written, and right after resuming; then run to its end. The committed output must equal an uninterrupted run's,
/// and no line any run wrote may contain the account key.
/// </summary>
public sealed class WordCountAzuriteCrashRecoveryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string PauseVariable = "GRAINFLOW_FAULT_PAUSE_STATE_WRITE_MS";

    [Fact]
    public async Task WordCount_CheckpointStoreKilledHardAtSeveralPoints_CommittedOutputIsExactlyOnce()
    {
        using var dir = new TempDirectory();
        var lines = await WordCountInput.WriteAsync(dir.Sub("input.txt"), seed: 21, words: 600_000, vocabulary: 30_000);
        var expected = WordCountOracle.Count(lines);
        var container = "wc" + Guid.NewGuid().ToString("N");
        string[] args =
        [
            "wordcount", "--input", dir.Sub("input.txt"), "--output", dir.Sub("out"),
            "--checkpoint-store", azurite.ConnectionString, "--checkpoint-container", container,
            "--checkpoint-interval", "100ms", "--log-level", "Warning",
        ];
        var runs = new List<ProcessResult>();

        await using (var midRun = SiloProcess.Start(args))
        {
            await midRun.WaitForOutputLineAsync("checkpoint 2 completed");
            runs.Add(await midRun.KillAsync());
        }

        await using (var duringCheckpointWrite = SiloProcess.Start(new Dictionary<string, string> { [PauseVariable] = "60000" }, args))
        {
            await duringCheckpointWrite.WaitForOutputLineAsync("resuming from checkpoint");
            await duringCheckpointWrite.WaitForOutputLineAsync("[fault] paused inside the write of checkpoint file");
            runs.Add(await duringCheckpointWrite.KillAsync());
        }

        // Held at its first state write after resuming, so that it cannot finish the input before the kill lands
        // (killing it on the resume line alone raced a fast run to its end).
        await using (var justResumed = SiloProcess.Start(new Dictionary<string, string> { [PauseVariable] = "60000" }, args))
        {
            await justResumed.WaitForOutputLineAsync("resuming from checkpoint");
            runs.Add(await justResumed.KillAsync());
        }

        var final = await SiloProcess.RunAsync(args);

        Assert.True(final.ExitCode == 0, final.ToString());
        Assert.All(runs, killed => Assert.DoesNotContain(killed.Output, l => l.Contains("[wordcount] done", StringComparison.Ordinal)));
        Assert.Contains(final.Output, l => l.Contains("resuming from checkpoint", StringComparison.Ordinal));
        Assert.Contains(
            final.Output,
            l => l.StartsWith("[wordcount] input ", StringComparison.Ordinal)
                && l.Contains($"checkpoints blob container {azurite.ServiceUri}/{container}, ", StringComparison.Ordinal));
        Assert.Null(WordCountOracle.FindViolation(expected, await ReadCommittedAsync(dir.Sub("out"))));
        Assert.All(Directory.GetFiles(dir.Sub("out")), f => Assert.StartsWith("part-", Path.GetFileName(f), StringComparison.Ordinal));
        var key = azurite.ConnectionString.Split(';').Single(s => s.StartsWith("AccountKey=", StringComparison.Ordinal))["AccountKey=".Length..];
        Assert.All(runs.Append(final), run => Assert.DoesNotContain(run.Output.Concat(run.Error), l => l.Contains(key, StringComparison.Ordinal)));
    }

    private static async Task<List<string>> ReadCommittedAsync(string directory)
    {
        var lines = new List<string>();
        foreach (var file in Directory.GetFiles(directory).Where(f => !Path.GetFileName(f).StartsWith('_') && !Path.GetFileName(f).StartsWith('.')))
        {
            lines.AddRange(await File.ReadAllLinesAsync(file));
        }

        return lines;
    }
}
