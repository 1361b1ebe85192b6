using Grainflow.Grains.Jobs;
using Grainflow.Grains.Streaming;
using Grainflow.Grains.Tests.Cluster;
using Grainflow.Streaming.Execution;
using Grainflow.Streaming.Sinks;

namespace Grainflow.Grains.Tests.WordCount;

public sealed class WordCountJobTests
{
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
    public async Task Run_OnThreeSilos_CoordinatorSourcesAndKeyedTasksRunOnDifferentSilosAndOutputIsExactlyOnce()
    {
        using var dir = new TempDirectory();
        var lines = GenerateLines(seed: 9, lineCount: 20_000);
        var input = dir.Sub("input.txt");
        await File.WriteAllLinesAsync(input, lines);
        await using var cluster = await GrainflowTestCluster.StartAsync(silos: 3);
        var spec = TestJobs.WordCount(input, dir.Sub("out"), CheckpointLocation.Directory(dir.Sub("chk")), new JobOptions { CheckpointInterval = TimeSpan.FromMilliseconds(20) });

        await cluster.StartJobAsync(spec);
        var running = await cluster.WaitForStatusAsync(spec.JobId, s => s.Phase != JobPhase.Recovering, "the job's tasks started", includeTasks: true);
        var outcome = await cluster.WaitForOutcomeAsync(spec.JobId);

        Assert.True(outcome.Succeeded, outcome.Message);
        var sourceSilos = running.Sources.Select(t => t.Silo).ToHashSet();
        var keyedSilos = running.KeyedTasks.Select(t => t.Silo).ToHashSet();
        Assert.Single(sourceSilos);
        Assert.Equal(2, keyedSilos.Count);
        Assert.DoesNotContain(running.CoordinatorSilo, sourceSilos);
        Assert.DoesNotContain(sourceSilos.Single(), keyedSilos);
        Assert.Equal(3, sourceSilos.Concat(keyedSilos).Append(running.CoordinatorSilo).Distinct().Count());
        Assert.Null(WordCountOracle.FindViolation(WordCountOracle.Count(lines), await ReadOutputAsync(dir.Sub("out"))));
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

    [Fact]
    public async Task Run_ResumedFromACheckpointPartwayThroughTheInput_ReportsTheInvalidUtf8CountOfAnUninterruptedRun()
    {
        using var dir = new TempDirectory();
        byte[] first = [.. "ok caf"u8, 0xC3, .. " ok\nbad"u8, 0xFF, .. " ok\n"u8];
        byte[] rest = [.. "more"u8, 0xFE, 0xFF, .. " ok\n"u8, 0xE2, 0x82, .. " end\n"u8];
        var input = dir.Sub("input.txt");
        await File.WriteAllBytesAsync(input, first);
        await File.WriteAllBytesAsync(dir.Sub("whole.txt"), [.. first, .. rest]);
        var interval = TimeSpan.FromMilliseconds(50);
        var uninterrupted = await RunAsync(dir.Sub("whole.txt"), dir.Sub("out-whole"), dir.Sub("chk-whole"), interval);

        // The second run resumes from the first one's final checkpoint, at the offset where the appended lines begin.
        var beforeResume = await RunAsync(input, dir.Sub("out"), dir.Sub("chk"), interval);
        await using (var append = new FileStream(input, FileMode.Append))
        {
            await append.WriteAsync(rest);
        }

        var resumed = await RunAsync(input, dir.Sub("out"), dir.Sub("chk"), interval);

        Assert.True(resumed.Succeeded, resumed.Message);
        Assert.Equal((2L, 5L, 5L), (beforeResume.InvalidInputCount, uninterrupted.InvalidInputCount, resumed.InvalidInputCount));
        Assert.Equal(
            (await ReadOutputAsync(dir.Sub("out-whole"))).Order(StringComparer.Ordinal),
            (await ReadOutputAsync(dir.Sub("out"))).Order(StringComparer.Ordinal));
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
        await using var cluster = await GrainflowTestCluster.StartAsync();
        return await cluster.RunToEndAsync(TestJobs.WordCount(input, output, CheckpointLocation.Directory(checkpoints), new JobOptions { CheckpointInterval = interval }));
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
