using Grainflow.Streaming.Sources;
using Grainflow.Streams.Log.Providers;
using Grainflow.Streams.Log.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Grainflow.Streams.Tests.Providers;

public sealed class ContainerBuilderTests
{
    private static readonly StreamId s_a = StreamId.Create("numbers", "a");
    private static readonly StreamId s_b = StreamId.Create("numbers", "b");
    private readonly Serializer<LogStreamPayload> _serializer =
        new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer<LogStreamPayload>>();

    [Fact]
    public void Build_ConsecutiveRecordsOfOneStream_ShareAContainer()
    {
        var batch = Batch((s_a, [1], null), (s_a, [2], null), (s_a, [3, 4], null), (s_b, [5], null), (s_a, [6], null));
        var output = new Queue<LogBatchContainer>();

        ContainerBuilder.Build(batch, partition: 2, _serializer, maxEvents: 1024, output);

        var containers = output.ToList();
        Assert.Equal([s_a, s_b, s_a], containers.Select(c => c.StreamId));
        Assert.Equal([1, 2, 3, 4], containers[0].GetEvents<int>().Select(e => e.Item1));
        Assert.Equal(
            [(0L, 0), (1L, 0), (2L, 0), (2L, 1)],
            containers[0].GetEvents<int>().Select(e => (e.Item2.SequenceNumber, e.Item2.EventIndex)));
        Assert.Equal(new LogSequenceToken(2, 3, 0), containers[1].SequenceToken);
        Assert.Equal(5, containers[2].EndOffset);
    }

    [Fact]
    public void Build_MoreEventsThanTheLimit_StartsANewContainerBetweenRecords()
    {
        var batch = Batch((s_a, [1, 2], null), (s_a, [3, 4], null), (s_a, [5], null));
        var output = new Queue<LogBatchContainer>();

        ContainerBuilder.Build(batch, partition: 0, _serializer, maxEvents: 3, output);

        Assert.Equal([2, 3], output.Select(c => c.Events.Count));
    }

    [Fact]
    public void Build_RecordWithItsOwnRequestContext_DeliveredAlone()
    {
        var batch = Batch((s_a, [1], null), (s_a, [2], new() { ["trace"] = "x" }), (s_a, [3], null));
        var output = new Queue<LogBatchContainer>();

        ContainerBuilder.Build(batch, partition: 0, _serializer, maxEvents: 1024, output);

        Assert.Equal([1, 1, 1], output.Select(c => c.Events.Count));
        Assert.Equal("x", output.ElementAt(1).RequestContext!["trace"]);
    }

    private LogRecordBatch Batch(params (StreamId Stream, int[] Events, Dictionary<string, object>? Context)[] records)
    {
        var batch = new LogRecordBatch();
        for (var i = 0; i < records.Length; i++)
        {
            var payload = _serializer.SerializeToArray(new LogStreamPayload(records[i].Stream, [.. records[i].Events.Cast<object>()], records[i].Context));
            Assert.True(batch.TryAdd(i, LogStreamRecord.Encode("p", i, payload)));
        }

        return batch;
    }
}
