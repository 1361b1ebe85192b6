using Grainflow.Streaming.Execution;
using Grainflow.Streaming.Sinks;

namespace Grainflow.Streams.Tests.Jobs;

/// <summary>The wordcount job reading lines Orleans code appended with the standard stream API.</summary>
public sealed class StreamSourceJobTests : IDisposable
{
    private const string SourceId = "stream-lines";
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task WordCount_LinesAppendedBeforeAndWhileItRuns_CommittedOutputIsExactlyOnce()
    {
        await using var cluster = await StreamJobCluster.StartAsync(_directory.Sub("streams"));
        var lines = GenerateLines(seed: 11, lineCount: 3_000);
        var spec = StreamJobCluster.WordCount(_directory.Sub("chk"), new JobOptions { CheckpointInterval = TimeSpan.FromMilliseconds(30) }, _directory.Sub("out"));

        // Half before the job starts, one append per line; half while it runs and checkpoints, 50 lines per append.
        await ProduceAsync(cluster, lines.Take(1_500), batch: 1);
        await cluster.StartJobAsync(spec);
        await ProduceAsync(cluster, lines.Skip(1_500), batch: 50);

        // Events of another namespace share the partitions and must be skipped.
        await cluster.Stream<string>("other", "noise").OnNextBatchAsync(["noise word0", "noise"]);

        await cluster.WaitUntilReadToEndAsync(spec.JobId);
        var running = await cluster.WaitForStatusAsync(spec.JobId, s => s.Checkpoints.LastCompletedCheckpointId >= 3, "three checkpoints completed");
        var outcome = await cluster.StopAsync(spec.JobId, drain: true);

        Assert.Equal(JobEndKind.Stopped, outcome.Kind);
        Assert.Null(running.Outcome);
        Assert.Null(WordCountOracle.FindViolation(WordCountOracle.Count(lines), await ReadOutputAsync()));
    }

    [Fact]
    public async Task Restart_FromCheckpointAtOffsetK_RecordAtKDeliveredOnce()
    {
        await using var cluster = await StreamJobCluster.StartAsync(_directory.Sub("streams"));
        var spec = StreamJobCluster.WordCount(_directory.Sub("chk"), new JobOptions { CheckpointInterval = Timeout.InfiniteTimeSpan }, _directory.Sub("out"));
        var stream = cluster.Stream<string>(StreamJobCluster.LinesNamespace, "only");
        List<string> lines = [.. Enumerable.Range(0, 10).Select(i => $"before-{i} common")];
        foreach (var line in lines)
        {
            await stream.OnNextAsync(line);
        }

        await cluster.StartJobAsync(spec);
        await cluster.WaitUntilReadToEndAsync(spec.JobId);
        await cluster.CheckpointAsync(spec.JobId);
        var partition = Array.FindIndex(await cluster.PartitionEndsAsync(), end => end > 0);
        var checkpointed = await cluster.WaitForStatusAsync(spec.JobId, _ => true, "the status");
        Assert.Equal(10, checkpointed.CommittedOffsets.Single(o => o.SourceId == SourceId && o.Partition == partition).Offset);

        // Record 10 and after: read and counted by this run, then rolled back by a stop that commits nothing more.
        List<string> later = ["at-k common", .. Enumerable.Range(11, 4).Select(i => $"after-{i} common")];
        foreach (var line in later)
        {
            await stream.OnNextAsync(line);
        }

        lines.AddRange(later);
        await cluster.WaitUntilReadToEndAsync(spec.JobId);
        await cluster.WaitForStatusAsync(spec.JobId, s => s.KeyedTasks.Sum(t => t.RecordsIn) == 30, "the counting tasks took all 30 words", includeTasks: true);
        await cluster.StopAsync(spec.JobId, drain: false);
        Assert.DoesNotContain(await ReadOutputAsync(), line => line.StartsWith("at-k", StringComparison.Ordinal));

        await cluster.StartJobAsync(spec);
        var restored = await cluster.WaitForStatusAsync(spec.JobId, _ => true, "the status");
        Assert.Equal(10, restored.CommittedOffsets.Single(o => o.SourceId == SourceId && o.Partition == partition).Offset);
        await cluster.WaitUntilReadToEndAsync(spec.JobId);
        await cluster.StopAsync(spec.JobId, drain: true);

        var output = await ReadOutputAsync();
        Assert.Equal(["at-k\t1"], output.Where(line => line.StartsWith("at-k", StringComparison.Ordinal)));
        Assert.Equal(["before-9\t1"], output.Where(line => line.StartsWith("before-9", StringComparison.Ordinal)));
        Assert.Null(WordCountOracle.FindViolation(WordCountOracle.Count(lines), output));
    }

    [Fact]
    public async Task Record_EventOfAnotherType_FailsTheJobInsteadOfBeingSkipped()
    {
        await using var cluster = await StreamJobCluster.StartAsync(_directory.Sub("streams"), silos: 1);
        var spec = StreamJobCluster.WordCount(
            _directory.Sub("chk"), new JobOptions { CheckpointInterval = Timeout.InfiniteTimeSpan, Restart = RestartStrategy.None }, _directory.Sub("out"));
        var mixed = cluster.Stream<object>(StreamJobCluster.LinesNamespace, "mixed");
        await mixed.OnNextAsync("fine words");
        await mixed.OnNextAsync(42);

        await cluster.StartJobAsync(spec);
        var outcome = (await cluster.WaitForStatusAsync(spec.JobId, s => s.Outcome is not null, "the job ended")).Outcome!;

        Assert.Equal(JobEndKind.Failed, outcome.Kind);
        Assert.Contains("Record 1 of partition", outcome.Message, StringComparison.Ordinal);
        Assert.Contains("System.Int32", outcome.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();

    internal static List<string> GenerateLines(int seed, int lineCount)
    {
        var random = new Random(seed);
        var vocabulary = Enumerable.Range(0, 300).Select(i => (i % 7 == 0 ? "Word" : "word") + i).ToArray();
        return Enumerable.Range(0, lineCount)
            .Select(_ => string.Join(' ', Enumerable.Range(0, random.Next(0, 10)).Select(_ => vocabulary[random.Next(vocabulary.Length)])))
            .ToList();
    }

    /// <summary>Appends <paramref name="lines"/> to six streams of the lines namespace, line i to stream i % 6, <paramref name="batch"/> lines per append.</summary>
    internal static async Task ProduceAsync(StreamJobCluster cluster, IEnumerable<string> lines, int batch)
    {
        var streams = Enumerable.Range(0, 6).Select(i => cluster.Stream<string>(StreamJobCluster.LinesNamespace, $"producer-{i}")).ToArray();
        var byStream = lines.Select((line, i) => (line, i)).GroupBy(x => x.i % streams.Length);
        await Task.WhenAll(byStream.Select(async group =>
        {
            foreach (var chunk in group.Select(x => x.line).Chunk(batch))
            {
                await (chunk.Length == 1 ? streams[group.Key].OnNextAsync(chunk[0]) : streams[group.Key].OnNextBatchAsync(chunk));
            }
        }));
    }

    private async Task<List<string>> ReadOutputAsync()
    {
        var lines = new List<string>();
        await foreach (var line in CommittedOutputReader.ReadLinesAsync(_directory.Sub("out")))
        {
            lines.Add(line);
        }

        return lines;
    }
}
