using Grainflow.Streaming.Execution;
using Grainflow.Streaming.Sinks;
using Grainflow.Streams.Log.Jobs;
using Grainflow.Streams.Log.Storage;

namespace Grainflow.Streams.Tests.Jobs;

/// <summary>The wordcount job writing its results to a stream namespace that Orleans grains consume.</summary>
public sealed class StreamSinkJobTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task WordCount_ToStreamNamespace_ConsumersSeeEachResultOnceAndNothingBeforeItsCheckpoint()
    {
        await using var cluster = await StreamJobCluster.StartAsync(_directory.Sub("streams"));
        var spec = StreamJobCluster.WordCount(_directory.Sub("chk"), new JobOptions { CheckpointInterval = Timeout.InfiniteTimeSpan }, output: null);
        var first = StreamSourceJobTests.GenerateLines(seed: 21, lineCount: 1_000);
        var second = StreamSourceJobTests.GenerateLines(seed: 22, lineCount: 500);
        var firstWords = WordCountOracle.Count(first).Values.Sum();
        var secondWords = WordCountOracle.Count(second).Values.Sum();

        await StreamSourceJobTests.ProduceAsync(cluster, first, batch: 20);
        await cluster.StartJobAsync(spec);
        await WaitUntilCountedAsync(cluster, spec.JobId, firstWords);

        // Every result of the epoch is staged: none is in the result streams, so no consumer can have seen one.
        Assert.Empty(await cluster.StoredEventsAsync(ResultConsumerGrain.Namespace));
        Assert.All(await ReceivedAsync(cluster), Assert.Empty);

        await cluster.CheckpointAsync(spec.JobId);
        var received = await WaitForResultsAsync(cluster, firstWords);
        Assert.Null(WordCountOracle.FindViolation(WordCountOracle.Count(first), received.SelectMany(r => r)));
        AssertCountsArriveInOrder(received);

        // A second epoch, counted and staged, then rolled back by a stop that commits nothing more: never visible.
        await StreamSourceJobTests.ProduceAsync(cluster, second, batch: 20);
        await WaitUntilCountedAsync(cluster, spec.JobId, firstWords + secondWords);
        Assert.Equal(firstWords, (await cluster.StoredEventsAsync(ResultConsumerGrain.Namespace)).Count);
        await cluster.StopAsync(spec.JobId, drain: false);

        // Restarted from the checkpoint: the second half is counted again, and its results appear once it completes.
        await cluster.StartJobAsync(spec);
        await WaitUntilCountedAsync(cluster, spec.JobId, secondWords);
        Assert.Equal(firstWords, (await cluster.StoredEventsAsync(ResultConsumerGrain.Namespace)).Count);
        await cluster.CheckpointAsync(spec.JobId);
        received = await WaitForResultsAsync(cluster, firstWords + secondWords);

        Assert.Null(WordCountOracle.FindViolation(WordCountOracle.Count([.. first, .. second]), received.SelectMany(r => r)));
        AssertCountsArriveInOrder(received);
        Assert.Equal(firstWords + secondWords, (await cluster.StoredEventsAsync(ResultConsumerGrain.Namespace)).Count);
    }

    [Fact]
    public async Task Start_FreshCheckpointLocationAfterOutputWasAppended_RefusedRatherThanRepeatTheOutput()
    {
        await using var cluster = await StreamJobCluster.StartAsync(_directory.Sub("streams"), silos: 1);
        var spec = StreamJobCluster.WordCount(_directory.Sub("chk"), new JobOptions { CheckpointInterval = Timeout.InfiniteTimeSpan }, output: null);
        await StreamSourceJobTests.ProduceAsync(cluster, ["a b", "b"], batch: 1);
        await cluster.StartJobAsync(spec);
        await WaitUntilCountedAsync(cluster, spec.JobId, 3);
        await cluster.CheckpointAsync(spec.JobId);
        await cluster.StopAsync(spec.JobId, drain: false);

        var fresh = spec with { Checkpoints = spec.Checkpoints with { Address = _directory.Sub("chk-fresh") } };
        var error = await Assert.ThrowsAsync<CommittedOutputConflictException>(() => cluster.StartJobAsync(fresh));

        Assert.Contains("has appended epochs up to 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commit_RepeatedAfterACrashBeforeTheStagedEpochWasDeleted_AppendsNothingTwice()
    {
        await using var cluster = await StreamJobCluster.StartAsync(_directory.Sub("streams"), silos: 1);
        var (provider, layout) = Staging(cluster);
        Stage(provider, layout, epoch: 4, ("a", ["a1", "a2"]), ("b", ["b1"]), ("a", ["a3"]));
        var staged = await File.ReadAllBytesAsync(layout.StagedPath(0, 4));
        var committer = new StagedEpochCommitter(provider, layout, "job", task: 0);
        await committer.CommitAsync(4);

        // What a crash after the appends but before the staged file's deletion was durable leaves; recovery commits it again.
        await File.WriteAllBytesAsync(layout.StagedPath(0, 4), staged);
        await committer.CommitAsync(4);

        Assert.Equal(["a1", "a2", "a3", "b1"], (await cluster.StoredEventsAsync(ResultConsumerGrain.Namespace)).Order());
        Assert.Equal(4, layout.HighestCommittedEpoch());
        Assert.Empty(layout.ListStaged(0));
        var consumerA = await StreamJobCluster.PollAsync(
            () => cluster.Client.GetGrain<IResultConsumerGrain>("a").GetAsync(), r => r.Count >= 3, "consumer a received its three results");
        Assert.Equal(["a1", "a2", "a3"], consumerA);
    }

    [Fact]
    public async Task Recover_StagedEpochsAroundTheRestoredCheckpoint_CommitsThoseItCoversAndDiscardsTheRest()
    {
        await using var cluster = await StreamJobCluster.StartAsync(_directory.Sub("streams"), silos: 1);
        var (provider, layout) = Staging(cluster);
        Stage(provider, layout, epoch: 3, ("a", ["e3"]));
        Stage(provider, layout, epoch: 5, ("a", ["e5"]));
        Stage(provider, layout, epoch: 8, ("a", ["e8"]));
        using (var unfinished = new StagedEpochWriter(layout, task: 0))
        {
            unfinished.Append(0, [1, 2, 3]);
        }

        var committer = new StagedEpochCommitter(provider, layout, "job", task: 0);
        await LogStreamSinkRecovery.RecoverAsync(layout, committer, task: 0, restoredCheckpointId: 5, CancellationToken.None);
        await LogStreamSinkRecovery.RecoverAsync(layout, committer, task: 0, restoredCheckpointId: 5, CancellationToken.None);

        Assert.Equal(["e3", "e5"], await cluster.StoredEventsAsync(ResultConsumerGrain.Namespace));
        Assert.Empty(layout.ListStaged(0));
        Assert.False(File.Exists(layout.InProgressPath(0)));
        Assert.Equal(5, layout.HighestCommittedEpoch());
    }

    private static (LogStreamProviderServices Provider, SinkStagingLayout Layout) Staging(StreamJobCluster cluster)
    {
        var provider = LogStreamProviderServices.Resolve(cluster.Cluster.Silos[0].ServiceProvider, StreamJobCluster.Provider);
        return (provider, new SinkStagingLayout(cluster.Directory, "job", "sink"));
    }

    /// <summary>Stages epoch <paramref name="epoch"/> of sink task 0: one append per (stream key, events) of the result namespace.</summary>
    private static void Stage(LogStreamProviderServices provider, SinkStagingLayout layout, long epoch, params (string Key, string[] Events)[] appends)
    {
        using var writer = new StagedEpochWriter(layout, task: 0);
        foreach (var (key, events) in appends)
        {
            var stream = StreamId.Create(ResultConsumerGrain.Namespace, key);
            writer.Append(provider.PartitionOf(stream), provider.Serializer.SerializeToArray(new LogStreamPayload(stream, [.. events], null)));
        }

        writer.Close(epoch);
    }

    public void Dispose() => _directory.Dispose();

    private static Task<Grainflow.Grains.Streaming.JobStatus> WaitUntilCountedAsync(StreamJobCluster cluster, string jobId, long words) =>
        cluster.WaitForStatusAsync(jobId, s => s.KeyedTasks.Sum(t => t.RecordsOut) == words, $"the counting tasks emitted {words} results", includeTasks: true);

    /// <summary>What the consumers of the two counting tasks' result streams received.</summary>
    private static async Task<List<string>[]> ReceivedAsync(StreamJobCluster cluster) =>
        await Task.WhenAll(Enumerable.Range(0, 2).Select(i => cluster.Client.GetGrain<IResultConsumerGrain>($"counts-stream-{i}").GetAsync()));

    private static Task<List<string>[]> WaitForResultsAsync(StreamJobCluster cluster, long total) =>
        StreamJobCluster.PollAsync(() => ReceivedAsync(cluster), r => r.Sum(c => c.Count) >= total, $"the consumers received {total} results");

    /// <summary>A word's results come from one counting task, in one stream, so each consumer sees a word's counts rise by one.</summary>
    private static void AssertCountsArriveInOrder(List<string>[] received)
    {
        foreach (var consumer in received)
        {
            foreach (var word in consumer.GroupBy(line => line[..line.LastIndexOf('\t')]))
            {
                Assert.Equal(Enumerable.Range(1, word.Count()).Select(i => $"{word.Key}\t{i}"), word);
            }
        }
    }
}
