namespace Grainflow.Streams.Tests.Cluster;

/// <summary>A grain appending to a Grainflow log stream from its own turns; what the partition stores is read back from disk.</summary>
public sealed class GrainProducerTests : IDisposable
{
    private const int Sentinel = -1;
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task OnNextAsync_FromGrain_PartitionStoresEveryEventOnceInOrder()
    {
        await using var cluster = await LogStreamCluster.StartAsync(_directory.Path);
        var key = Guid.NewGuid();
        var producer = cluster.Client.GetGrain<IAppendingGrain>(Guid.NewGuid());

        // 200 appends of one event, then 8 appends of 100 (the last one of 50).
        await producer.AppendAsync(key, first: 0, count: 200, perCall: 1);
        await producer.AppendAsync(key, first: 200, count: 750, perCall: 100);
        var stored = await StoredRecord.ReadAsync(cluster, _directory.Path, StreamId.Create(RecordingConsumerGrain.Namespace, key));

        Assert.Equal(208, stored.Count);
        Assert.Equal([.. Enumerable.Repeat(1, 200), .. Enumerable.Repeat(100, 7), 50], stored.Select(r => r.Events.Count));
        Assert.Equal(Enumerable.Range(0, 950), stored.SelectMany(r => r.Events).Cast<int>());
        Assert.All(stored, r => Assert.Null(r.ProducerId));

        // The subscribed consumer receives the same events, in the same order.
        await producer.AppendAsync(key, first: Sentinel, count: 1, perCall: 1);
        var received = await cluster.WaitForAsync(key, Sentinel);
        Assert.Equal([.. Enumerable.Range(0, 950), Sentinel], received.Items);
    }

    [Fact]
    public async Task IdempotentStreamProducer_FromGrainReplaying_PartitionStoresEachSequenceOnceInOrder()
    {
        await using var cluster = await LogStreamCluster.StartAsync(_directory.Path);
        var key = Guid.NewGuid();
        var producer = cluster.Client.GetGrain<IAppendingGrain>(Guid.NewGuid());

        var afterFirst = await producer.AppendIdempotentAsync(key, "grain-producer", nextSequence: 0, first: 0, count: 10);

        // Restarted, the producer only knows it got past item 5: it replays 5..9 with their sequences, then goes on.
        var afterReplay = await producer.AppendIdempotentAsync(key, "grain-producer", nextSequence: 5, first: 5, count: 10);
        var stored = await StoredRecord.ReadAsync(cluster, _directory.Path, StreamId.Create(RecordingConsumerGrain.Namespace, key));

        Assert.Equal(10, afterFirst);
        Assert.Equal(15, afterReplay);
        Assert.Equal(15, stored.Count);
        Assert.Equal(Enumerable.Range(0, 15), stored.SelectMany(r => r.Events).Cast<int>());
        Assert.Equal(Enumerable.Range(0, 15).Select(i => (long)i), stored.Select(r => r.Sequence));
        Assert.All(stored, r => Assert.Equal("grain-producer", r.ProducerId));
    }

    public void Dispose() => _directory.Dispose();
}
