using System.Globalization;
using Grainflow.Silo.Tests.Process;

namespace Grainflow.Silo.Tests.WordCount;

/// <summary>
/// Input that is only found bad once the job runs or resumes (a missing savepoint directory, an over-long line, an input
/// file cut below a checkpoint's offset): the real process exits 2 with one line that says what to fix, no stack trace.
/// </summary>
public sealed class WordCountBadInputAtRunTests
{
    private const string Paused = "[fault] paused inside the write of checkpoint file";

    // The coordinator's warning before each restart: input no restart can get past fails the job at once instead.
    private const string Restarting = "restarts from its last completed checkpoint";

    [Fact]
    public async Task WordCount_FromSavepointDirectoryThatIsMissing_ExitsTwoNamingThePath()
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.Sub("input.txt"), "a b\n");
        var missing = Path.Combine(dir.Path, "some", "missing", "dir");

        var result = await SiloProcess.RunAsync(
            "wordcount", "--input", dir.Sub("input.txt"), "--output", dir.Sub("out"), "--checkpoint-dir", dir.Sub("chk"),
            "--from-savepoint", missing, "--log-level", "Warning");

        Assert.True(result.ExitCode == 2, result.ToString());
        var message = Assert.Single(result.Error);
        Assert.StartsWith($"grainflow-silo: --from-savepoint: there is no savepoint in '{missing}'", message, StringComparison.Ordinal);
        Assert.DoesNotContain("ASCII letter", message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.Sub("out")) && Directory.EnumerateFileSystemEntries(dir.Sub("out")).Any(), "nothing should have been written");
    }

    [Fact]
    public async Task WordCount_LineOverTheSixteenMebibyteLimit_ExitsTwoNamingTheLimit()
    {
        using var dir = new TempDirectory();
        const string first = "short line\n";
        await using (var input = File.Create(dir.Sub("input.txt")))
        {
            await input.WriteAsync(System.Text.Encoding.UTF8.GetBytes(first));
            var longLine = new byte[17 * 1024 * 1024];
            Array.Fill(longLine, (byte)'x');
            await input.WriteAsync(longLine);
            await input.WriteAsync("\nafter\n"u8.ToArray());
        }

        var result = await SiloProcess.RunAsync(
            "wordcount", "--input", dir.Sub("input.txt"), "--output", dir.Sub("out"), "--checkpoint-dir", dir.Sub("chk"), "--log-level", "Warning");

        Assert.True(result.ExitCode == 2, result.ToString());
        var message = Assert.Single(result.Error);
        Assert.Contains(
            string.Create(CultureInfo.InvariantCulture, $"The line at byte position {first.Length} of '{dir.Sub("input.txt")}' is longer than the limit of 16 MiB (16777216 bytes); split the input into shorter lines."),
            message,
            StringComparison.Ordinal);
        Assert.DoesNotContain(result.Output, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Output, l => l.Contains(Restarting, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WordCount_InputTruncatedBelowTheCheckpointOffsetAfterKill_ExitsTwoNamingTheFile()
    {
        using var dir = new TempDirectory();
        await WordCountInput.WriteAsync(dir.Sub("input.txt"), seed: 21, words: 1_200_000, vocabulary: 60_000);
        string[] args =
        [
            "wordcount", "--input", dir.Sub("input.txt"), "--output", dir.Sub("out"), "--checkpoint-dir", dir.Sub("chk"),
            "--checkpoint-interval", "100ms", "--log-level", "Warning",
        ];
        var pause = new Dictionary<string, string>
        {
            ["GRAINFLOW_FAULT_PAUSE_STATE_WRITE_MS"] = "60000",
            ["GRAINFLOW_FAULT_PAUSE_STATE_WRITE_FROM_CHECKPOINT"] = "3",
        };

        // Held inside checkpoint 3's first state write: checkpoints 1 and 2 are published, the input is not consumed.
        await using (var silo = SiloProcess.Start(pause, args))
        {
            await silo.WaitForOutputLineAsync(Paused);
            var killed = await silo.KillAsync();
            Assert.DoesNotContain(killed.Output, l => l.Contains("[wordcount] done", StringComparison.Ordinal));
        }

        // Any offset past the start of the file is now beyond its end.
        await using (var input = new FileStream(dir.Sub("input.txt"), FileMode.Open, FileAccess.Write))
        {
            input.SetLength(0);
        }

        var result = await SiloProcess.RunAsync(args);

        Assert.True(result.ExitCode == 2, result.ToString());
        var message = Assert.Single(result.Error);
        Assert.Contains($"Text source file '{dir.Sub("input.txt")}' has 0 bytes, but the job resumes it at byte ", message, StringComparison.Ordinal);
        Assert.Contains("truncated or replaced since the checkpoint", message, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Output, l => l.Contains(Restarting, StringComparison.Ordinal));
    }
}
