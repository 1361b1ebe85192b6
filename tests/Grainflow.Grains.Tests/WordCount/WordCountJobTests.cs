using Grainflow.Grains.Streaming;
using Grainflow.Grains.WordCount;
using Grainflow.Streaming.Checkpointing.Storage;
using Grainflow.Streaming.Execution;
using Grainflow.Streaming.Sinks;
using Microsoft.Extensions.DependencyInjection;

namespace Grainflow.Grains.Tests.WordCount;

public sealed class WordCountJobTests
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Run_BoundedInputWithFrequentCheckpoints_CommittedOutputIsExactlyOnce()
    {
        using var dir = new TempDirectory();
        var lines = GenerateLines(seed: 7, lineCount: 20_000);
        var input = dir.Sub("input.txt");
        await File.WriteAllLinesAsync(input, lines);

        var outcome = await RunAsync(input, dir.Sub("out"), dir.Sub("chk"), TimeSpan.FromMilliseconds(20));
        var output = await ReadOutputAsync(dir.Sub("out"));

        Assert.True(outcome.Succeeded, outcome.Message);
        Assert.Null(WordCountOracle.FindViolation(WordCountOracle.Count(lines), output));
    }

    [Fact]
    public async Task Run_AgainOnFinishedCheckpoints_AddsNothing()
    {
        using var dir = new TempDirectory();
        var lines = GenerateLines(seed: 8, lineCount: 2_000);
        var input = dir.Sub("input.txt");
        await File.WriteAllLinesAsync(input, lines);

        await RunAsync(input, dir.Sub("out"), dir.Sub("chk"), TimeSpan.FromMilliseconds(50));
        var second = await RunAsync(input, dir.Sub("out"), dir.Sub("chk"), TimeSpan.FromMilliseconds(50));
        var output = await ReadOutputAsync(dir.Sub("out"));

        Assert.True(second.Succeeded, second.Message);
        Assert.Null(WordCountOracle.FindViolation(WordCountOracle.Count(lines), output));
    }

    internal static List<string> GenerateLines(int seed, int lineCount)
    {
        var random = new Random(seed);
        var vocabulary = Enumerable.Range(0, 500).Select(i => (i % 7 == 0 ? "Word" : "word") + i).ToArray();
        return Enumerable.Range(0, lineCount)
            .Select(_ => string.Join(random.Next(2) == 0 ? " " : "\t ", Enumerable.Range(0, random.Next(0, 12)).Select(_ => vocabulary[random.Next(vocabulary.Length)])))
            .ToList();
    }

    internal static async Task<JobOutcome> RunAsync(string input, string output, string checkpoints, TimeSpan interval)
    {
        await using var silo = await StreamingSilo.StartAsync();
        var launcher = silo.Services.GetRequiredService<StreamJobLauncher>();
        var job = await launcher.StartAsync(
            WordCountJob.Build(input, output, parallelism: 2),
            new JobOptions { CheckpointInterval = interval },
            new LocalCheckpointStorage(checkpoints));
        try
        {
            return await job.Outcome.WaitAsync(s_deadline);
        }
        catch (TimeoutException)
        {
            foreach (var e in silo.Log.Entries.TakeLast(40)) Console.WriteLine($"LOG {e.Level} {e.Category} {e.Message} {e.Exception?.Message}");
            Console.WriteLine($"COUNTERS src={job.Counters.SourceRecords} keyed={job.Counters.KeyedRecords}");
            throw;
        }
    }

    internal static async Task<List<string>> ReadOutputAsync(string directory)
    {
        var lines = new List<string>();
        await foreach (var line in CommittedOutputReader.ReadLinesAsync(directory))
        {
            lines.Add(line);
        }

        return lines;
    }
}
