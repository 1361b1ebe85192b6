using System.Globalization;
using Grainflow.Silo.Tests.Process;
using Grainflow.Silo.Tests.WordCount;

namespace Grainflow.Silo.Tests.Streams;

/// <summary>
/// An Orleans app's events into a job, end to end with real processes: <c>grainflow-silo wordcount --input-stream</c> fed
/// by <c>grainflow produce --stream</c> through the silo's gateway. The committed output must equal an independent count,
/// also when the producer or the silo is killed hard (SIGKILL) mid-stream and run again.
/// </summary>
public sealed class StreamWordCountTests
{
    private static readonly TimeSpan s_outputDeadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task WordCount_InputStreamFedByProduce_CommittedOutputIsExactlyOnceAndARerunAddsNothing()
    {
        using var dir = new TempDirectory();
        var lines = await WordCountInput.WriteAsync(dir.Sub("input.txt"), seed: 21, words: 20_000, vocabulary: 2_000);
        await File.WriteAllLinesAsync(dir.Sub("marker.txt"), ["zzmarker"]);
        var gatewayPort = LoopbackPorts.Free(1)[0];
        await using var silo = StartSilo(dir, gatewayPort);
        await silo.WaitForOutputLineAsync($"[streams] Orleans gateway 127.0.0.1:{gatewayPort}");

        var first = await ChildProcess.RunClientAsync(Produce(dir, gatewayPort, "input.txt"));
        await CommittedOutput.WaitForAsync(dir.Sub("out"), WordCountOracle.Count(lines).Values.Sum(), s_outputDeadline);
        var again = await ChildProcess.RunClientAsync(Produce(dir, gatewayPort, "input.txt"));

        // Another producer's line after the re-run: once it is counted, anything the re-run had stored would be too.
        var marker = await ChildProcess.RunClientAsync([.. Produce(dir, gatewayPort, "marker.txt"), "--producer-id", "marker"]);
        var output = await WaitForWordAsync(dir.Sub("out"), "zzmarker");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.True(marker.ExitCode == 0, marker.ToString());
        Assert.Contains($"produced {lines.Count} records to stream grainflow/lines (key 'produce')", first.Output[^1], StringComparison.Ordinal);
        Assert.Null(WordCountOracle.FindViolation(WordCountOracle.Count([.. lines, "zzmarker"]), output));
    }

    [Fact]
    public async Task Produce_KilledMidStreamThenRunAgainWithTheSameId_EachLineIsCountedOnce()
    {
        using var dir = new TempDirectory();
        var lines = await WordCountInput.WriteAsync(dir.Sub("input.txt"), seed: 22, words: 60_000, vocabulary: 3_000);
        var gatewayPort = LoopbackPorts.Free(1)[0];
        await using var silo = StartSilo(dir, gatewayPort);
        await silo.WaitForOutputLineAsync($"[streams] Orleans gateway 127.0.0.1:{gatewayPort}");

        string[] produce = [.. Produce(dir, gatewayPort, "input.txt", Rate(lines.Count, seconds: 8)), "--lines-per-append", "7"];
        ProcessResult killed;
        await using (var producer = ChildProcess.Start(ChildProcess.Client, null, produce))
        {
            await producer.WaitForOutputLineAsync("produced ");
            killed = await producer.KillAsync();
        }

        var rerun = await ChildProcess.RunClientAsync(produce);
        var output = await CommittedOutput.WaitForAsync(dir.Sub("out"), WordCountOracle.Count(lines).Values.Sum(), s_outputDeadline);

        Assert.DoesNotContain(killed.Output, l => l.StartsWith($"produced {lines.Count} records", StringComparison.Ordinal));
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.Null(WordCountOracle.FindViolation(WordCountOracle.Count(lines), output));
    }

    [Fact]
    public async Task Silo_KilledWhileProducingThenRestarted_ProducerRetriesAndOutputIsExactlyOnce()
    {
        using var dir = new TempDirectory();
        var lines = await WordCountInput.WriteAsync(dir.Sub("input.txt"), seed: 23, words: 60_000, vocabulary: 3_000);
        var gatewayPort = LoopbackPorts.Free(1)[0];
        string[] produce = [.. Produce(dir, gatewayPort, "input.txt", Rate(lines.Count, seconds: 8)), "--lines-per-append", "5"];

        await using var producer = await StartProducerAgainstSiloThatIsKilledAsync(dir, gatewayPort, produce);
        await using var restarted = StartSilo(dir, gatewayPort);
        await restarted.WaitForOutputLineAsync("resuming from checkpoint");
        var produced = await producer.WaitForExitAsync();
        var output = await CommittedOutput.WaitForAsync(dir.Sub("out"), WordCountOracle.Count(lines).Values.Sum(), s_outputDeadline);

        Assert.True(produced.ExitCode == 0, produced.ToString());
        Assert.Contains(produced.Output, l => l.Contains("reconnecting and retrying it", StringComparison.Ordinal));
        Assert.Null(WordCountOracle.FindViolation(WordCountOracle.Count(lines), output));
    }

    [Theory]
    [InlineData("--input-stream", "lines", "expects <provider>/<namespace>")]
    [InlineData("--input-stream", "other/lines", "no stream provider 'other'")]
    [InlineData("--output-stream", "other/counts", "no stream provider 'other'")]
    public async Task WordCount_BadStreamAddress_Exits2NamingTheOption(string option, string address, string message)
    {
        using var dir = new TempDirectory();
        string[] args = option == "--input-stream"
            ? ["wordcount", option, address, "--output", dir.Sub("out"), "--checkpoint-dir", dir.Sub("chk")]
            : ["wordcount", "--input-stream", "grainflow/lines", option, address, "--checkpoint-dir", dir.Sub("chk")];

        var result = await SiloProcess.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Error);
        Assert.Contains(option, line, StringComparison.Ordinal);
        Assert.Contains(message, line, StringComparison.Ordinal);
    }

    private static async Task<ChildProcess> StartProducerAgainstSiloThatIsKilledAsync(TempDirectory dir, int gatewayPort, string[] produce)
    {
        await using var silo = StartSilo(dir, gatewayPort);
        await silo.WaitForOutputLineAsync($"[streams] Orleans gateway 127.0.0.1:{gatewayPort}");
        var producer = ChildProcess.Start(ChildProcess.Client, null, produce);
        await producer.WaitForOutputLineAsync("produced ");
        await silo.WaitForOutputLineAsync("checkpoint 3 completed");
        var killed = await silo.KillAsync();
        Assert.DoesNotContain(killed.Output, l => l.Contains("[wordcount] done", StringComparison.Ordinal));
        return producer;
    }

    private static ChildProcess StartSilo(TempDirectory dir, int gatewayPort) => SiloProcess.Start(
        "wordcount", "--input-stream", "grainflow/lines", "--output", dir.Sub("out"), "--checkpoint-dir", dir.Sub("chk"),
        "--stream-log", dir.Sub("streams"), "--gateway-port", gatewayPort.ToString(CultureInfo.InvariantCulture),
        "--checkpoint-interval", "200ms", "--control-url", "none", "--log-level", "Warning");

    private static string[] Produce(TempDirectory dir, int gatewayPort, string textFile, string rate = "1000000") =>
        ["produce", "--stream", "grainflow/lines", "--gateway", $"127.0.0.1:{gatewayPort}", "--text", dir.Sub(textFile), "--rate", rate];

    // A rate that spreads the input over about that many seconds, so that a kill lands mid-stream.
    private static string Rate(int lineCount, int seconds) => (lineCount / (double)seconds).ToString("0.##", CultureInfo.InvariantCulture);

    private static async Task<List<string>> WaitForWordAsync(string directory, string word)
    {
        var giveUpAt = DateTime.UtcNow + s_outputDeadline;
        while (true)
        {
            var committed = await CommittedOutput.ReadAsync(directory);
            if (committed.Any(l => l.StartsWith(word + "\t", StringComparison.Ordinal)))
            {
                return committed;
            }

            Assert.True(DateTime.UtcNow < giveUpAt, $"'{word}' was not in the committed output within {s_outputDeadline}");
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }
}
