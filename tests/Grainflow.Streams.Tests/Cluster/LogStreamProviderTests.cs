using Grainflow.Streaming.Sources;
using Grainflow.Streams.Log.Producers;
using Grainflow.Streams.Log.Storage;

namespace Grainflow.Streams.Tests.Cluster;

public sealed class LogStreamProviderTests : IDisposable
{
    private const int Sentinel = -1;
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task OnNextAsync_FromClient_ConsumerGrainReceivesEveryRecordInOrder()
    {
        await using var cluster = await LogStreamCluster.StartAsync(_directory.Path);
        var key = Guid.NewGuid();
        var stream = cluster.Stream(key);

        for (var i = 0; i < 300; i++)
        {
            await stream.OnNextAsync(i);
        }

        await stream.OnNextAsync(Sentinel);
        var received = await cluster.WaitForAsync(key, Sentinel);

        Assert.Equal([.. Enumerable.Range(0, 300), Sentinel], received.Items);
        var offsets = received.Positions.Select(p => p.Offset).ToList();
        Assert.Equal(offsets.Order(), offsets);
        Assert.Equal(offsets.Count, offsets.Distinct().Count());
        Assert.All(received.Positions, p => Assert.Equal(0, p.Index));
    }

    [Fact]
    public async Task OnNextBatchAsync_HundredPerAppend_ManyEventsPerDelivery()
    {
        await using var cluster = await LogStreamCluster.StartAsync(_directory.Path);
        var key = Guid.NewGuid();
        var stream = cluster.Stream(key);

        for (var batch = 0; batch < 10; batch++)
        {
            await stream.OnNextBatchAsync(Enumerable.Range(batch * 100, 100));
        }

        await stream.OnNextAsync(Sentinel);
        var received = await cluster.WaitForAsync(key, Sentinel);

        Assert.Equal([.. Enumerable.Range(0, 1000), Sentinel], received.Items);

        // An append is never split over deliveries, so every delivery holds whole appends of 100 (the sentinel aside).
        Assert.All(received.DeliverySizes.Take(received.DeliverySizes.Count - 1), size => Assert.Equal(0, size % 100));
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => i % 100), received.Positions.Take(1000).Select(p => p.Index));
    }

    [Fact]
    public async Task IdempotentStreamProducer_RestartedProducerReplays_EachRecordDeliveredOnce()
    {
        await using var cluster = await LogStreamCluster.StartAsync(_directory.Path);
        var key = Guid.NewGuid();
        var stream = cluster.Stream(key);

        var first = new IdempotentStreamProducer<int>(stream, "producer-a");
        for (var i = 0; i < 10; i++)
        {
            await first.OnNextAsync(i);
        }

        // Restarted, the producer only knows it got past item 5: it replays from there with the same sequences.
        var restarted = new IdempotentStreamProducer<int>(stream, "producer-a", nextSequence: 5);
        for (var i = 5; i < 15; i++)
        {
            await restarted.OnNextAsync(i);
        }

        await stream.OnNextAsync(Sentinel);
        var received = await cluster.WaitForAsync(key, Sentinel);

        Assert.Equal(15, restarted.NextSequence);
        Assert.Equal([.. Enumerable.Range(0, 15), Sentinel], received.Items);
    }

    [Fact]
    public async Task Delivery_ConsumerThrows_RetriedUntilItSucceedsAndNothingSkipped()
    {
        await using var cluster = await LogStreamCluster.StartAsync(_directory.Path, silos: 1);
        var key = Guid.NewGuid();
        var stream = cluster.Client.GetStreamProvider(LogStreamCluster.Provider)
            .GetStream<int>(StreamId.Create(FlakyConsumerGrain.Namespace, key));

        for (var i = 0; i < 20; i++)
        {
            await stream.OnNextAsync(i);
        }

        var consumer = cluster.Client.GetGrain<IFlakyConsumerGrain>(key);
        var received = await LogStreamCluster.PollAsync(consumer.GetAsync, r => r.Items.Count == 20, "the flaky consumer received 20 items");

        Assert.Equal(Enumerable.Range(0, 20), received.Items);
        Assert.Equal([FlakyConsumerGrain.Failures], received.DeliverySizes);
    }

    [Fact]
    public async Task IdempotentStreamProducer_ReplayAfterClusterRestart_StoredOnce()
    {
        var key = Guid.NewGuid();
        await using (var cluster = await LogStreamCluster.StartAsync(_directory.Path, silos: 1))
        {
            var producer = new IdempotentStreamProducer<int>(cluster.Stream(key), "producer-a");
            for (var i = 0; i < 10; i++)
            {
                await producer.OnNextAsync(i);
            }
        }

        // New silos: the partition rebuilds the producer's last sequence from its records when it reopens.
        await using (var cluster = await LogStreamCluster.StartAsync(_directory.Path, silos: 1))
        {
            var producer = new IdempotentStreamProducer<int>(cluster.Stream(key), "producer-a", nextSequence: 5);
            for (var i = 5; i < 15; i++)
            {
                await producer.OnNextAsync(i);
            }
        }

        var sequences = await StoredSequencesAsync("producer-a");
        Assert.Equal(Enumerable.Range(0, 15).Select(i => (long)i), sequences);
    }

    public void Dispose() => _directory.Dispose();

    private async Task<List<long>> StoredSequencesAsync(string producerId)
    {
        var log = SegmentLog.Open(_directory.Path, new SegmentLogOptions { CreateIfMissing = false });
        var sequences = new List<long>();
        var batch = new LogRecordBatch();
        for (var partition = 0; partition < log.PartitionCount; partition++)
        {
            using var reader = await log.OpenReaderAsync(partition, 0);
            while (await reader.ReadAsync(batch) > 0)
            {
                foreach (var record in batch.Records)
                {
                    var header = LogStreamRecord.ReadHeader(record.Payload.Span);
                    if (header.ProducerId == producerId)
                    {
                        sequences.Add(header.Sequence);
                    }
                }
            }
        }

        return sequences;
    }
}
