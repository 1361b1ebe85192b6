using Grainflow.Streaming.AzureBlob;
using Grainflow.Streaming.Execution;
using Grainflow.Streams.Log;
using Grainflow.Streams.Tests.Jobs;
using Grainflow.Tests.Shared.Azurite;

namespace Grainflow.Streams.Tests.Azurite;

/// <summary>
/// The provider with its partitions, delivery marks and sink staging in a blob container (Azurite): what a job needs
/// after every silo stopped is in the container, so a new cluster on fresh local directories carries on exactly once.
/// </summary>
public sealed class BlobStreamJobTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private readonly string _container = "streams" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task WordCount_BlobBackedStreamsAcrossAClusterRestartFromCheckpoint_InputAndOutputExactlyOnce()
    {
        var spec = StreamJobCluster.WordCount(_directory.Sub("chk"), new JobOptions { CheckpointInterval = Timeout.InfiniteTimeSpan }, output: null);
        var first = StreamSourceJobTests.GenerateLines(seed: 31, lineCount: 400);
        var second = StreamSourceJobTests.GenerateLines(seed: 32, lineCount: 200);
        var firstWords = WordCountOracle.Count(first).Values.Sum();
        var allWords = firstWords + WordCountOracle.Count(second).Values.Sum();

        await using (var cluster = await StreamJobCluster.StartAsync(_directory.Sub("local-1"), silos: 2, storage: InBlobContainer))
        {
            await StreamSourceJobTests.ProduceAsync(cluster, first, batch: 10);
            await cluster.StartJobAsync(spec);
            await WaitUntilCountedAsync(cluster, spec.JobId, firstWords);
            await cluster.CheckpointAsync(spec.JobId);

            // Counted and staged after the checkpoint, then lost with the whole cluster: never appended.
            await StreamSourceJobTests.ProduceAsync(cluster, second, batch: 10);
            await WaitUntilCountedAsync(cluster, spec.JobId, allWords);
            await cluster.StopAsync(spec.JobId, drain: false);
            Assert.Equal(firstWords, (await cluster.StoredEventsAsync(ResultConsumerGrain.Namespace)).Count);
        }

        Assert.False(Directory.Exists(_directory.Sub("local-1")), "a silo wrote the provider's data to its local directory");
        await using (var cluster = await StreamJobCluster.StartAsync(_directory.Sub("local-2"), silos: 1, storage: InBlobContainer))
        {
            await cluster.StartJobAsync(spec);
            await cluster.WaitUntilReadToEndAsync(spec.JobId);
            var outcome = await cluster.StopAsync(spec.JobId, drain: true);

            Assert.Equal(JobEndKind.Stopped, outcome.Kind);
            var results = await cluster.StoredEventsAsync(ResultConsumerGrain.Namespace);
            Assert.Equal(allWords, results.Count);
            Assert.Null(WordCountOracle.FindViolation(WordCountOracle.Count([.. first, .. second]), results));
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _directory.Dispose();
        await BlobCheckpointContainer.FromConnectionString(azurite.ConnectionString, _container).DeleteIfExistsAsync();
    }

    private void InBlobContainer(GrainflowLogStreamOptions options)
    {
        options.BlobConnectionString = azurite.ConnectionString;
        options.BlobContainerName = _container;
        options.SegmentSize = 16 * 1024; // small segments, so that the job's readers cross them
    }

    private static Task<Grains.Streaming.JobStatus> WaitUntilCountedAsync(StreamJobCluster cluster, string jobId, long words) =>
        cluster.WaitForStatusAsync(jobId, s => s.KeyedTasks.Sum(t => t.RecordsIn) == words, $"the counting tasks took {words} words", includeTasks: true);
}
