using Grainflow.Silo.Tests.Process;

namespace Grainflow.Silo.Tests.WordCount;

/// <summary>Bad input and configuration: exit code 2 and a message that says what to fix, before anything runs.</summary>
public sealed class WordCountInputErrorTests
{
    [Fact]
    public async Task WordCount_MissingInput_ExitsTwoNamingTheFile()
    {
        using var dir = new TempDirectory();

        var result = await RunAsync(dir, input: dir.Sub("missing.txt"));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            $"grainflow-silo: --input '{dir.Sub("missing.txt")}' does not exist; pass an existing, readable UTF-8 text file. See 'grainflow-silo --help'.",
            Assert.Single(result.Error));
    }

    [Fact]
    public async Task WordCount_InputIsADirectory_ExitsTwo()
    {
        using var dir = new TempDirectory();

        var result = await RunAsync(dir, input: dir.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is a directory; pass a UTF-8 text file", Assert.Single(result.Error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WordCount_OutputUnderAFile_ExitsTwoNamingTheDirectory()
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.Sub("input.txt"), "a b c\n");
        await File.WriteAllTextAsync(dir.Sub("blocker"), "not a directory");

        var result = await RunAsync(dir, input: dir.Sub("input.txt"), output: Path.Combine(dir.Sub("blocker"), "out"));

        Assert.Equal(2, result.ExitCode);
        var message = Assert.Single(result.Error);
        Assert.StartsWith($"grainflow-silo: --output '{Path.Combine(dir.Sub("blocker"), "out")}' cannot be written", message, StringComparison.Ordinal);
        Assert.Contains("pass a directory this user can create and write", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WordCount_CheckpointDirectoryOfAnotherTopology_ExitsTwoAndLeavesItAlone()
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.Sub("input.txt"), "a b c a\n");
        var first = await RunAsync(dir, input: dir.Sub("input.txt"), parallelism: "2");
        Assert.True(first.ExitCode == 0, first.ToString());
        var checkpointFiles = Directory.GetFiles(dir.Sub("chk"), "*", SearchOption.AllDirectories).Order().ToList();

        var result = await RunAsync(dir, input: dir.Sub("input.txt"), parallelism: "3");

        Assert.Equal(2, result.ExitCode);
        var message = Assert.Single(result.Error);
        Assert.Contains("Use another checkpoint location, or delete this one to start the job from scratch.", message, StringComparison.Ordinal);
        Assert.Equal(checkpointFiles, Directory.GetFiles(dir.Sub("chk"), "*", SearchOption.AllDirectories).Order());
    }

    [Fact]
    public async Task WordCount_InvalidUtf8_CountedAndReadAsReplacementCharacter()
    {
        using var dir = new TempDirectory();
        byte[] text = [.. "ok caf"u8, 0xC3, .. " ok\nbad"u8, 0xFF, 0xFE, .. " ok\n"u8];
        await File.WriteAllBytesAsync(dir.Sub("input.txt"), text);

        var result = await RunAsync(dir, input: dir.Sub("input.txt"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(result.Output, l => l.Contains("3 invalid UTF-8 sequences in the input were read as U+FFFD", StringComparison.Ordinal));
        var output = Directory.GetFiles(dir.Sub("out")).SelectMany(File.ReadAllLines).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["bad\uFFFD\uFFFD\t1", "caf\uFFFD\t1", "ok\t1", "ok\t2", "ok\t3"], output);
    }

    [Fact]
    public async Task WordCount_UnknownSavepoint_ExitsTwoNamingIt()
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.Sub("input.txt"), "a b\n");

        var result = await SiloProcess.RunAsync(
            "wordcount", "--input", dir.Sub("input.txt"), "--output", dir.Sub("out"), "--checkpoint-dir", dir.Sub("chk"),
            "--from-savepoint", "missing", "--log-level", "Warning");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            "grainflow-silo: Job 'wordcount' has no savepoint named 'missing'. (--from-savepoint) See 'grainflow-silo --help'.",
            Assert.Single(result.Error));
    }

    [Fact]
    public async Task WordCount_BothInputs_ExitsTwo()
    {
        using var dir = new TempDirectory();

        var result = await SiloProcess.RunAsync(
            "wordcount", "--input", dir.Sub("input.txt"), "--input-log", dir.Sub("log"), "--output", dir.Sub("out"), "--checkpoint-dir", dir.Sub("chk"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Options '--input' and '--input-log' exclude each other; pass one of them.", Assert.Single(result.Error), StringComparison.Ordinal);
    }

    private static Task<ProcessResult> RunAsync(TempDirectory dir, string input, string? output = null, string parallelism = "2") =>
        SiloProcess.RunAsync(
            "wordcount", "--input", input, "--output", output ?? dir.Sub("out"), "--checkpoint-dir", dir.Sub("chk"),
            "--parallelism", parallelism, "--log-level", "Warning");
}
