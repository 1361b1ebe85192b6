using Grainflow.Silo.Tests.Process;
using Grainflow.Streaming.Sources;

namespace Grainflow.Silo.Tests.WordCount;

/// <summary>
/// SIGTERM to a real wordcount process: one that arrives before the silo's host handles signals stops the run in order
/// like a later one, and a signalled log job still says how much invalid UTF-8 its committed input held.
/// </summary>
public sealed class WordCountSignalTests
{
    private const string WaitForSignalVariable = "GRAINFLOW_FAULT_WAIT_FOR_SIGNAL_BEFORE_SILO";

    [UnixFact]
    public async Task WordCount_SignalBeforeTheSiloIsBuilt_Exits3WithNothingWrittenThenTheSameCommandFinishesExactlyOnce()
    {
        using var dir = new TempDirectory();
        var lines = await WordCountInput.WriteAsync(dir.Sub("input.txt"), seed: 21, words: 20_000, vocabulary: 2_000);
        string[] args =
        [
            "wordcount", "--input", dir.Sub("input.txt"), "--output", dir.Sub("out"), "--checkpoint-dir", dir.Sub("chk"),
            "--checkpoint-interval", "100ms", "--log-level", "Warning",
        ];
        ProcessResult signalled;
        await using (var silo = SiloProcess.Start(new Dictionary<string, string> { [WaitForSignalVariable] = "1" }, args))
        {
            // The run is held before its silo is built: no host has installed a signal handler yet.
            await silo.WaitForOutputLineAsync("[fault] waiting for a stop signal before the silo is built");
            silo.Terminate();
            signalled = await silo.WaitForExitAsync();
        }

        var committedAfterSignal = CommittedFiles(dir.Sub("out"));
        var checkpointsAfterSignal = Directory.Exists(dir.Sub("chk")) ? Directory.GetDirectories(dir.Sub("chk"), "chk-*", SearchOption.AllDirectories) : [];
        var again = await SiloProcess.RunAsync(args);

        Assert.True(signalled.ExitCode == 3, signalled.ToString());
        Assert.Contains(signalled.Output, l => l.StartsWith("[wordcount] interrupted before the input was consumed: Stopped by a signal before the job started", StringComparison.Ordinal));
        Assert.Empty(signalled.Error);
        Assert.Empty(committedAfterSignal);
        Assert.Empty(checkpointsAfterSignal);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Null(WordCountOracle.FindViolation(WordCountOracle.Count(lines), CommittedFiles(dir.Sub("out")).SelectMany(File.ReadAllLines)));
    }

    [UnixFact]
    public async Task WordCount_LogWithInvalidUtf8SignalledAfterItsRecordsCommitted_ReportsTheInvalidSequences()
    {
        using var dir = new TempDirectory();
        byte[] first = [.. "ok caf"u8, 0xC3, .. " ok"u8];
        byte[] second = [.. "bad"u8, 0xFF, 0xFE, .. " ok"u8];
        var log = SegmentLog.Open(dir.Sub("log"), new SegmentLogOptions { CreateIfMissing = true });
        await using (var writer = await log.OpenWriterAsync(0))
        {
            await writer.AppendAsync(first);
            await writer.AppendAsync(second);
            await writer.FlushAsync();
        }

        ProcessResult signalled;
        await using (var silo = SiloProcess.Start(
            "wordcount", "--input-log", dir.Sub("log"), "--output", dir.Sub("out"), "--checkpoint-dir", dir.Sub("chk"),
            "--checkpoint-interval", "100ms", "--log-level", "Warning"))
        {
            await WaitForCommittedLinesAsync(dir.Sub("out"), 5);
            silo.Terminate();
            signalled = await silo.WaitForExitAsync();
        }

        Assert.True(signalled.ExitCode == 0, signalled.ToString());
        Assert.Contains(signalled.Output, l => l == "[wordcount] 3 invalid UTF-8 sequences in the input were read as U+FFFD (the replacement character).");
        Assert.Equal(
            ["bad\uFFFD\uFFFD\t1", "caf\uFFFD\t1", "ok\t1", "ok\t2", "ok\t3"],
            CommittedFiles(dir.Sub("out")).SelectMany(File.ReadAllLines).Order(StringComparer.Ordinal));
    }

    private static string[] CommittedFiles(string directory) =>
        Directory.Exists(directory)
            ? [.. Directory.GetFiles(directory).Where(f => !Path.GetFileName(f).StartsWith('_') && !Path.GetFileName(f).StartsWith('.'))]
            : [];

    /// <summary>Polls the output until its committed files hold <paramref name="count"/> lines, within the child process deadline.</summary>
    private static async Task WaitForCommittedLinesAsync(string directory, int count)
    {
        using var deadline = new CancellationTokenSource(ChildProcess.Deadline);
        while (CommittedFiles(directory).Sum(f => File.ReadAllLines(f).Length) < count)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), deadline.Token);
        }
    }
}
