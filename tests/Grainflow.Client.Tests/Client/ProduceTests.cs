using System.Text;
using Grainflow.Streaming.Sources;

namespace Grainflow.Client.Tests.Client;

/// <summary><c>grainflow produce</c>, run as a child process: the segment log holds exactly the records it reports.</summary>
public sealed class ProduceTests
{
    [Fact]
    public async Task Produce_TextFile_AppendsItsLinesInOrderRepeatedToTheCount()
    {
        using var directory = new TempDirectory();
        var text = directory.Sub("input.txt");
        await File.WriteAllLinesAsync(text, ["the quick brown fox", "jumps over", "", "the lazy dög"]);
        var log = directory.Sub("log");

        var result = await ChildProcess.RunClientAsync("produce", "--log", log, "--text", text, "--count", "10", "--rate", "100000");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($"produced 10 records to {log} partition 0 (offsets 0..9)", result.Output[^1]);
        string[] lines = ["the quick brown fox", "jumps over", "", "the lazy dög"];
        Assert.Equal(Enumerable.Range(0, 10).Select(i => lines[i % 4]), await ReadAllAsync(log));
    }

    [Fact]
    public async Task Produce_TextFileWithoutCount_AppendsItOnce()
    {
        using var directory = new TempDirectory();
        var text = directory.Sub("input.txt");
        await File.WriteAllLinesAsync(text, ["a b", "c"]);
        var log = directory.Sub("log");

        var result = await ChildProcess.RunClientAsync("produce", "--log", log, "--text", text, "--rate", "100000");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["a b", "c"], await ReadAllAsync(log));
    }

    [Fact]
    public async Task Produce_GeneratedWords_AppendsTheCountAfterWhatIsThere()
    {
        using var directory = new TempDirectory();
        var log = directory.Sub("log");

        var first = await ChildProcess.RunClientAsync("produce", "--log", log, "--count", "300", "--seed", "7", "--rate", "100000");
        var second = await ChildProcess.RunClientAsync("produce", "--log", log, "--count", "300", "--seed", "7", "--rate", "100000");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal($"produced 300 records to {log} partition 0 (offsets 300..599)", second.Output[^1]);
        var records = await ReadAllAsync(log);
        Assert.Equal(600, records.Count);
        Assert.Equal(records.Take(300), records.Skip(300));
        Assert.All(records, r => Assert.Matches("^[a-z]+( [a-z]+){0,11}$", r));
    }

    [Fact]
    public async Task Produce_PartitionOutOfRange_Exits2()
    {
        using var directory = new TempDirectory();
        var log = directory.Sub("log");
        var result = await ChildProcess.RunClientAsync("produce", "--log", log, "--count", "1", "--partition", "3");
        ClientCommandTests.AssertFailure(result, 2, $"grainflow: the log '{log}' has 1 partition(s): --partition must be from 0 to 0, not 3.");
    }

    [Fact]
    public async Task Produce_MissingTextFile_Exits2()
    {
        using var directory = new TempDirectory();
        var text = directory.Sub("absent.txt");
        var result = await ChildProcess.RunClientAsync("produce", "--log", directory.Sub("log"), "--text", text);
        ClientCommandTests.AssertFailure(result, 2, $"grainflow: the --text file '{text}' does not exist.");
    }

    [Fact]
    public async Task Produce_TextFileWithALineOverTheRecordLimit_Exits2NamingTheLineAndAppendsNothing()
    {
        using var directory = new TempDirectory();
        var text = directory.Sub("large.txt");
        await using (var file = new StreamWriter(text, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
        {
            await file.WriteLineAsync("a small line first");
            await file.WriteLineAsync(new string('x', 70_000_000));
            await file.WriteLineAsync("and one after");
        }

        var log = directory.Sub("log");
        var result = await ChildProcess.RunClientAsync("produce", "--log", log, "--text", text, "--rate", "100000");
        File.Delete(text);

        ClientCommandTests.AssertFailure(
            result,
            2,
            $"grainflow: line 2 of the --text file '{text}' is 70,000,000 bytes, over the 67,108,864-byte (64 MiB) limit of a record; split the line. Nothing was produced.");
        Assert.False(Directory.Exists(log));
    }

    [Fact]
    public async Task Produce_BadRate_Exits2()
    {
        var result = await ChildProcess.RunClientAsync("produce", "--log", "x", "--rate", "0");
        ClientCommandTests.AssertFailure(result, 2, "grainflow: Option '--rate' expects a positive number of records per second, not '0'. See 'grainflow --help'.");
    }

    private static async Task<List<string>> ReadAllAsync(string directory)
    {
        var log = SegmentLog.Open(directory, new SegmentLogOptions { CreateIfMissing = false });
        using var reader = await log.OpenReaderAsync(0, 0);
        var batch = new LogRecordBatch();
        var records = new List<string>();
        while (await reader.ReadAsync(batch) > 0)
        {
            foreach (var record in batch.Records)
            {
                records.Add(Encoding.UTF8.GetString(record.Payload.Span));
            }
        }

        return records;
    }
}
