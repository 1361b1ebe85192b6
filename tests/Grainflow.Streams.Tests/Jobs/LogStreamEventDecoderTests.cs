using Grainflow.Streaming.Api;
using Grainflow.Streaming.Sources;
using Grainflow.Streams.Log.Jobs;
using Grainflow.Streams.Log.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Grainflow.Streams.Tests.Jobs;

public sealed class LogStreamEventDecoderTests
{
    private readonly Serializer<LogStreamPayload> _serializer =
        new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer<LogStreamPayload>>();

    [Fact]
    public void Decode_RecordsOfSeveralNamespaces_EmitsTheNamespacesEventsInOrder()
    {
        var decoder = new LogStreamEventDecoder<string>(_serializer, "lines");
        var output = new ListCollector();

        decoder.Decode(0, Record(0, StreamId.Create("lines", "a"), "one", "two"), output);
        decoder.Decode(0, Record(1, StreamId.Create("other", "a"), "skipped"), output);
        decoder.Decode(0, Record(2, StreamId.Create("lines", "b"), "three"), output);

        Assert.Equal(["one", "two", "three"], output.Items);
    }

    [Fact]
    public void Decode_EventOfAnotherType_FailsNamingTheRecord()
    {
        var decoder = new LogStreamEventDecoder<string>(_serializer, "lines");

        var error = Assert.Throws<InvalidDataException>(() => decoder.Decode(3, Record(17, StreamId.Create("lines", "a"), 42), new ListCollector()));

        Assert.Contains("Record 17 of partition 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("System.Int32", error.Message, StringComparison.Ordinal);
    }

    private LogRecord Record(long offset, StreamId stream, params object[] events) =>
        new(offset, LogStreamRecord.Encode("producer", offset, _serializer.SerializeToArray(new LogStreamPayload(stream, [.. events], null))));

    private sealed class ListCollector : ICollector<string>
    {
        public List<string> Items { get; } = [];

        public void Collect(string record) => Items.Add(record);
    }
}
