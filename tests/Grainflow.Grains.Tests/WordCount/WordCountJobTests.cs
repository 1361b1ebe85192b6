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
