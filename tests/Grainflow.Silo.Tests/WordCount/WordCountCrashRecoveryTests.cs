using System.Globalization;
using Grainflow.Silo.Tests.Process;

namespace Grainflow.Silo.Tests.WordCount;

/// <summary>
/// The exactly-once claim, shown by killing a real silo process: the same wordcount command is killed hard
/// (SIGKILL) at several points — mid-run after checkpoints, while a checkpoint file is half written, right
/// after resuming — and then run to its end; the committed output must equal an uninterrupted run's.
/// </summary>
public sealed class WordCountCrashRecoveryTests
{
    private const string PauseVariable = "GRAINFLOW_FAULT_PAUSE_STATE_WRITE_MS";
    private const string Paused = "[fault] paused inside the write of checkpoint file";

    [Fact]
    public async Task WordCount_KilledHardAtSeveralPoints_CommittedOutputIsExactlyOnce()
    {
        using var dir = new TempDirectory();
        var lines = await WordCountInput.WriteAsync(dir.Sub("input.txt"), seed: 11, words: 1_200_000, vocabulary: 60_000);
        var expected = WordCountOracle.Count(lines);
        string[] args =
        [
            "wordcount", "--input", dir.Sub("input.txt"), "--output", dir.Sub("out"), "--checkpoint-dir", dir.Sub("chk"),
            "--checkpoint-interval", "100ms", "--log-level", "Warning",
        ];

        await using (var midRun = SiloProcess.Start(args))
        {
            await midRun.WaitForOutputLineAsync("checkpoint 2 completed");
            AssertKilledBeforeTheEnd(await midRun.KillAsync());
        }

        await using (var duringCheckpointWrite = SiloProcess.Start(new Dictionary<string, string> { [PauseVariable] = "60000" }, args))
        {
            await duringCheckpointWrite.WaitForOutputLineAsync("resuming from checkpoint");
            await duringCheckpointWrite.WaitForOutputLineAsync("[fault] paused inside the write of checkpoint file");
            AssertKilledBeforeTheEnd(await duringCheckpointWrite.KillAsync());
        }

        // Held at its first state write after resuming, so that it cannot finish the input before the kill lands
        // (killing it on the resume line alone raced a fast run to its end).
        await using (var justResumed = SiloProcess.Start(new Dictionary<string, string> { [PauseVariable] = "60000" }, args))
        {
            await justResumed.WaitForOutputLineAsync("resuming from checkpoint");
            AssertKilledBeforeTheEnd(await justResumed.KillAsync());
        }

        var final = await SiloProcess.RunAsync(args);

        Assert.True(final.ExitCode == 0, final.ToString());
        Assert.Contains(final.Output, l => l.Contains("resuming from checkpoint", StringComparison.Ordinal));
        Assert.Null(WordCountOracle.FindViolation(expected, await ReadCommittedAsync(dir.Sub("out"))));
        Assert.All(Directory.GetFiles(dir.Sub("out")), f => Assert.StartsWith("part-", Path.GetFileName(f), StringComparison.Ordinal));
    }

    [Fact]
    public async Task WordCount_Uninterrupted_ExitsZeroWithExactlyOnceOutput()
    {
        using var dir = new TempDirectory();
        var lines = await WordCountInput.WriteAsync(dir.Sub("input.txt"), seed: 12, words: 200_000, vocabulary: 5_000);

        var result = await SiloProcess.RunAsync(
            "wordcount", "--input", dir.Sub("input.txt"), "--output", dir.Sub("out"), "--checkpoint-dir", dir.Sub("chk"), "--log-level", "Warning");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(result.Output, l => l.Contains("[wordcount] done", StringComparison.Ordinal));
        Assert.Null(WordCountOracle.FindViolation(WordCountOracle.Count(lines), await ReadCommittedAsync(dir.Sub("out"))));
    }

    [Fact]
    public async Task WordCount_NewestCheckpointStateGarbledAfterKill_SameCommandRecoversExactlyPastIt()
    {
        using var dir = new TempDirectory();
        var lines = await WordCountInput.WriteAsync(dir.Sub("input.txt"), seed: 13, words: 1_200_000, vocabulary: 60_000);
        var args = GarbleTestArgs(dir);
        var newest = await KillAfterCheckpointsAsync(dir, args);

        // Bit rot in the newest published checkpoint's state: its manifest, and so its source offsets, are intact.
        var stateFile = await CheckpointDamage.GarbleAStateFileAsync(newest);
        var committedBefore = await ReadCommittedAsync(dir.Sub("out"));

        var again = await SiloProcess.RunAsync(args);

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains(again.Output, l => l.Contains($"checkpoint {CheckpointDamage.IdOf(newest)} is damaged at ", StringComparison.Ordinal)
            && l.Contains(Path.GetFileName(stateFile), StringComparison.Ordinal) && l.Contains("recovering exactly past it", StringComparison.Ordinal));
        var output = await ReadCommittedAsync(dir.Sub("out"));
        Assert.Null(WordCountOracle.FindViolation(WordCountOracle.Count(lines), output));
        Assert.Subset(output.ToHashSet(StringComparer.Ordinal), committedBefore.ToHashSet(StringComparer.Ordinal));
    }

    [Fact]
    public async Task WordCount_NewestCheckpointManifestTornAfterKill_RefusedNamingItUntilDuplicatesAreAccepted()
    {
        using var dir = new TempDirectory();
        var lines = await WordCountInput.WriteAsync(dir.Sub("input.txt"), seed: 15, words: 1_200_000, vocabulary: 60_000);
        var args = GarbleTestArgs(dir);
        var newest = await KillAfterCheckpointsAsync(dir, args);

        // A torn manifest: the checkpoint's source offsets are unknown, so no replay can stop where its output ends.
        var manifest = Path.Combine(newest, "_metadata");
        var bytes = await File.ReadAllBytesAsync(manifest);
        await File.WriteAllBytesAsync(manifest, bytes[..(bytes.Length / 2)]);
        var committedBefore = await ReadCommittedAsync(dir.Sub("out"));

        // Whether the kill came after some task committed the damaged checkpoint's epoch (commits follow the publish).
        var damagedEpochCommitted = Directory.GetFiles(dir.Sub("out"), $"part-*-{CheckpointDamage.IdOf(newest)}.txt").Length > 0;

        var refused = await SiloProcess.RunAsync(args);

        Assert.True(refused.ExitCode == 2, refused.ToString());
        Assert.Contains(Path.Combine($"chk-{CheckpointDamage.IdOf(newest)}", "_metadata"), refused.StandardError, StringComparison.Ordinal);
        Assert.Contains("--allow-duplicate-output", refused.StandardError, StringComparison.Ordinal);
        Assert.Equal(committedBefore, await ReadCommittedAsync(dir.Sub("out")));

        var accepted = await SiloProcess.RunAsync([.. args, "--allow-duplicate-output"]);

        Assert.True(accepted.ExitCode == 0, accepted.ToString());
        var output = await ReadCommittedAsync(dir.Sub("out"));
        var expected = WordCountOracle.Count(lines);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), output.Select(l => l[..l.LastIndexOf('\t')]).Distinct().Order(StringComparer.Ordinal));
        if (damagedEpochCommitted)
        {
            Assert.True(output.Count > expected.Values.Sum(), "falling back past a damaged checkpoint whose output was committed should have repeated it");
        }
        else
        {
            // Nothing of the damaged checkpoint was committed yet: falling back to the one before repeats nothing.
            Assert.Null(WordCountOracle.FindViolation(expected, output));
        }
    }

    [Fact]
    public async Task WordCount_SameCommandAgainAfterFinishingOnInputWithoutFinalNewline_ExitsZeroAddingNothing()
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.Sub("input.txt"), "alpha beta\nbeta gamma\r\ngamma");
        string[] args = ["wordcount", "--input", dir.Sub("input.txt"), "--output", dir.Sub("out"), "--checkpoint-dir", dir.Sub("chk"), "--log-level", "Warning"];

        var first = await SiloProcess.RunAsync(args);
        var committed = await ReadCommittedAsync(dir.Sub("out"));
        var again = await SiloProcess.RunAsync(args);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Empty(again.Error);
        Assert.Equal(["alpha\t1", "beta\t1", "beta\t2", "gamma\t1", "gamma\t2"], committed.Order(StringComparer.Ordinal));
        Assert.Equal(committed, await ReadCommittedAsync(dir.Sub("out")));
    }

    [UnixFact]
    public async Task WordCount_TerminatedBeforeTheInputIsConsumed_Exits3ThenTheSameCommandFinishesExactlyOnce()
    {
        using var dir = new TempDirectory();
        var lines = await WordCountInput.WriteAsync(dir.Sub("input.txt"), seed: 14, words: 1_200_000, vocabulary: 60_000);
        string[] args =
        [
            "wordcount", "--input", dir.Sub("input.txt"), "--output", dir.Sub("out"), "--checkpoint-dir", dir.Sub("chk"),
            "--checkpoint-interval", "100ms", "--log-level", "Warning",
        ];
        ProcessResult terminated;
        // Held at checkpoint 3's first state write, so that the input cannot be consumed before the signal lands.
        await using (var silo = SiloProcess.Start(PauseFrom(3), args))
        {
            await silo.WaitForOutputLineAsync(Paused);
            silo.Terminate();
            terminated = await silo.WaitForExitAsync();
        }

        var again = await SiloProcess.RunAsync(args);

        Assert.True(terminated.ExitCode == 3, terminated.ToString());
        Assert.Contains(terminated.Output, l => l.StartsWith("[wordcount] interrupted before the input was consumed", StringComparison.Ordinal));
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Null(WordCountOracle.FindViolation(WordCountOracle.Count(lines), await ReadCommittedAsync(dir.Sub("out"))));
    }

    private static string[] GarbleTestArgs(TempDirectory dir) =>
    [
        "wordcount", "--input", dir.Sub("input.txt"), "--output", dir.Sub("out"), "--checkpoint-dir", dir.Sub("chk"),
        "--checkpoint-interval", "100ms", "--log-level", "Warning",
    ];

    /// <summary>
    /// Runs the job past its third checkpoint, kills it hard, and returns the published checkpoint's directory. The run
    /// is held at checkpoint 4's first state write, so that it cannot finish the input before the kill lands.
    /// </summary>
    private static async Task<string> KillAfterCheckpointsAsync(TempDirectory dir, string[] args)
    {
        await using (var midRun = SiloProcess.Start(PauseFrom(4), args))
        {
            await midRun.WaitForOutputLineAsync(Paused);
            AssertKilledBeforeTheEnd(await midRun.KillAsync());
        }

        return await CheckpointDamage.PublishedCheckpointAsync(dir.Sub("chk"));
    }

    private static Dictionary<string, string> PauseFrom(int checkpointId) => new()
    {
        [PauseVariable] = "60000",
        ["GRAINFLOW_FAULT_PAUSE_STATE_WRITE_FROM_CHECKPOINT"] = checkpointId.ToString(CultureInfo.InvariantCulture),
    };

    private static void AssertKilledBeforeTheEnd(ProcessResult killed) =>
        Assert.DoesNotContain(killed.Output, l => l.Contains("[wordcount] done", StringComparison.Ordinal));

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
