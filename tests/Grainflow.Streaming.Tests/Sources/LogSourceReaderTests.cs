using System.Text;
using Grainflow.Streaming.Api;
using Grainflow.Streaming.Sources;
using Grainflow.Streaming.Sources.Readers;

namespace Grainflow.Streaming.Tests.Sources;

public sealed class LogSourceReaderTests
{
    [Fact]
    public async Task SeekAsync_BeforeFirstRead_OpensThePartitionAtTheOffsetItself()
    {
        var log = new OpeningLog(await LogOfAsync("a", "b", "c", "d"));
        using var reader = new LogSourceReader<string>(log, 0, new PayloadDecoder<string>(Text), bounded: false);

        await reader.SeekAsync(2, 0, CancellationToken.None);
        var output = new ListCollector<string>();
        await reader.ReadAsync(output, CancellationToken.None);

        Assert.Equal([2L], log.OpenedAt);
        Assert.Equal(["c", "d"], output.Items);
        Assert.Equal(4, reader.Position);
    }

    [Fact]
    public async Task SeekAsync_AtTheEnd_ReadsOnlyRecordsAppendedAfterIt()
    {
        var inner = await LogOfAsync("a", "b");
        using var reader = new LogSourceReader<string>(inner, 0, new PayloadDecoder<string>(Text), bounded: false);

        await reader.SeekAsync(2, 0, CancellationToken.None);
        var output = new ListCollector<string>();
        Assert.Equal(0, await reader.ReadAsync(output, CancellationToken.None));
        await AppendAsync(inner, "c");
        Assert.Equal(1, await reader.ReadAsync(output, CancellationToken.None));

        Assert.Equal(["c"], output.Items);
        Assert.Equal(3, reader.Position);
    }

    [Fact]
    public async Task StopAt_InsideABatch_ReadsUpToItThenResumesWithoutSkippingOnceLifted()
    {
        var log = await LogOfAsync("a", "b", "c", "d", "e");
        using var reader = new LogSourceReader<string>(log, 0, new PayloadDecoder<string>(Text), bounded: false);
        reader.StopAt(2);
        var output = new ListCollector<string>();

        var first = await reader.ReadAsync(output, CancellationToken.None);
        var atStop = await reader.ReadAsync(output, CancellationToken.None);
        var position = reader.Position;
        reader.StopAt(null);
        var rest = await reader.ReadAsync(output, CancellationToken.None);

        Assert.Equal((2, 0, 2L, 3), (first, atStop, position, rest));
        Assert.Equal(["a", "b", "c", "d", "e"], output.Items);
        Assert.Equal(5, reader.Position);
    }

    [Fact]
    public async Task ReadAsync_RecordsThatYieldNothing_CountedAsReadAndPositionMovesPast()
    {
        var log = await LogOfAsync("skip", "skip", "keep");
        using var reader = new LogSourceReader<string>(log, 0, new KeepDecoder(), bounded: false);
        var output = new ListCollector<string>();

        var read = await reader.ReadAsync(output, CancellationToken.None);

        Assert.Equal(3, read);
        Assert.Equal(["keep", "keep"], output.Items);
        Assert.Equal(3, reader.Position);
    }

    [Fact]
    public async Task ReadAsync_Utf8LinesWithInvalidSequences_ReplacedAndCountedFromTheSeekCount()
    {
        var log = new InMemoryLog();
        await using (var writer = await log.OpenWriterAsync(0))
        {
            await writer.AppendAsync(new byte[] { (byte)'a', 0xFF });
            await writer.AppendAsync(new byte[] { 0xC3, (byte)' ', 0xFE });
            await writer.FlushAsync();
        }

        using var reader = new LogSourceReader<string>(log, 0, new Utf8LineRecordDecoder(), bounded: false);
        await reader.SeekAsync(0, 5, CancellationToken.None);
        var output = new ListCollector<string>();
        await reader.ReadAsync(output, CancellationToken.None);

        Assert.Equal(["a\uFFFD", "\uFFFD \uFFFD"], output.Items);
        Assert.Equal(5 + 3, reader.InvalidInputCount);
    }

    private static string Text(ReadOnlyMemory<byte> bytes) => Encoding.UTF8.GetString(bytes.Span);

    private static async Task<InMemoryLog> LogOfAsync(params string[] records)
    {
        var log = new InMemoryLog();
        foreach (var record in records)
        {
            await AppendAsync(log, record);
        }

        return log;
    }

    private static async Task AppendAsync(InMemoryLog log, string record)
    {
        await using var writer = await log.OpenWriterAsync(0);
        await writer.AppendAsync(Encoding.UTF8.GetBytes(record));
        await writer.FlushAsync();
    }

    private sealed class ListCollector<T> : ICollector<T>
    {
        public List<T> Items { get; } = [];

        public void Collect(T record) => Items.Add(record);
    }

    /// <summary>Emits nothing for "skip" and a "keep" record twice: a record may yield any number of source records.</summary>
    private sealed class KeepDecoder : ILogRecordDecoder<string>
    {
        public int Decode(int partition, LogRecord record, ICollector<string> output)
        {
            if (Text(record.Payload) == "keep")
            {
                output.Collect("keep");
                output.Collect("keep");
            }

            return 0;
        }
    }

    /// <summary>Records where readers were opened.</summary>
    private sealed class OpeningLog(IReplayableLog inner) : IReplayableLog
    {
        public List<long> OpenedAt { get; } = [];

        public int PartitionCount => inner.PartitionCount;

        public ValueTask<LogPartitionBounds> GetBoundsAsync(int partition, CancellationToken cancellationToken = default) =>
            inner.GetBoundsAsync(partition, cancellationToken);

        public ValueTask<ILogWriter> OpenWriterAsync(int partition, CancellationToken cancellationToken = default) =>
            inner.OpenWriterAsync(partition, cancellationToken);

        public ValueTask<ILogReader> OpenReaderAsync(int partition, long offset, CancellationToken cancellationToken = default)
        {
            OpenedAt.Add(offset);
            return inner.OpenReaderAsync(partition, offset, cancellationToken);
        }
    }
}
