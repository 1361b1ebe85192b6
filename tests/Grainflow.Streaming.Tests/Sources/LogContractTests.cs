using System.Text;
using Grainflow.Streaming.Sources;

namespace Grainflow.Streaming.Tests.Sources;

/// <summary>The behaviour every <see cref="IReplayableLog"/> implementation must have; one subclass per implementation.</summary>
public abstract class LogContractTests
{
    /// <summary>Creates an empty log. Implementations with segments use small ones so that tests cross them.</summary>
    protected abstract IReplayableLog CreateLog(int partitionCount = 1);

    protected static byte[] Payload(int index) => Encoding.UTF8.GetBytes($"record-{index:D4}");

    protected static string Text(LogRecord record) => Encoding.UTF8.GetString(record.Payload.Span);

    protected static async Task AppendAndFlushAsync(ILogWriter writer, int from, int count)
    {
        for (var i = from; i < from + count; i++)
        {
            await writer.AppendAsync(Payload(i));
        }

        await writer.FlushAsync();
    }

    /// <summary>Reads until the reader reports no more records; returns (offset, text) of each.</summary>
    protected static async Task<List<(long Offset, string Text)>> ReadAllAsync(ILogReader reader, LogRecordBatch? batch = null)
    {
        batch ??= new LogRecordBatch();
        var records = new List<(long, string)>();
        while (await reader.ReadAsync(batch) > 0)
        {
            foreach (var record in batch.Records)
            {
                records.Add((record.Offset, Text(record)));
            }
        }

        return records;
    }

    protected static List<(long Offset, string Text)> Expected(int from, int count) =>
        Enumerable.Range(from, count).Select(i => ((long)i, $"record-{i:D4}")).ToList();

    [Fact]
    public async Task AppendAsync_EmptyPartition_ReturnsOffsetZero()
    {
        var log = CreateLog();
        await using var writer = await log.OpenWriterAsync(0);

        Assert.Equal(0, await writer.AppendAsync(Payload(0)));
        Assert.Equal(1, writer.NextOffset);
    }

    [Fact]
    public async Task AppendAsync_ManyRecords_ReturnsOffsetOfFirst()
    {
        var log = CreateLog();
        await using var writer = await log.OpenWriterAsync(0);
        await writer.AppendAsync(Payload(0));

        var first = await writer.AppendAsync([Payload(1), Payload(2), Payload(3)]);

        Assert.Equal(1, first);
        Assert.Equal(4, writer.NextOffset);
    }

    [Fact]
    public async Task AppendAsync_EmptyList_ReturnsNextOffsetAndAppendsNothing()
    {
        var log = CreateLog();
        await using var writer = await log.OpenWriterAsync(0);
        await AppendAndFlushAsync(writer, 0, 2);

        Assert.Equal(2, await writer.AppendAsync(Array.Empty<ReadOnlyMemory<byte>>()));
        Assert.Equal(2, writer.NextOffset);
    }

    [Fact]
    public async Task ReadAsync_FlushedRecords_ReturnsPayloadsWithConsecutiveOffsets()
    {
        var log = CreateLog();
        await using (var writer = await log.OpenWriterAsync(0))
        {
            await AppendAndFlushAsync(writer, 0, 30);
        }

        using var reader = await log.OpenReaderAsync(0, 0);

        Assert.Equal(Expected(0, 30), await ReadAllAsync(reader));
        Assert.Equal(30, reader.Position);
    }

    [Fact]
    public async Task ReadAsync_AtEnd_ReturnsZero()
    {
        var log = CreateLog();
        await using var writer = await log.OpenWriterAsync(0);
        await AppendAndFlushAsync(writer, 0, 3);
        using var reader = await log.OpenReaderAsync(0, 3);
        var batch = new LogRecordBatch();

        Assert.Equal(0, await reader.ReadAsync(batch));
        Assert.Equal(0, batch.Count);
        Assert.Equal(3, reader.Position);
    }

    [Fact]
    public async Task ReadAsync_BatchSmallerThanData_ReturnsAtMostMaxRecordsPerRead()
    {
        var log = CreateLog();
        await using var writer = await log.OpenWriterAsync(0);
        await AppendAndFlushAsync(writer, 0, 7);
        using var reader = await log.OpenReaderAsync(0, 0);
        var batch = new LogRecordBatch(maxRecords: 3);
        var counts = new List<int>();
        var records = new List<(long, string)>();

        int read;
        while ((read = await reader.ReadAsync(batch)) > 0)
        {
            counts.Add(read);
            foreach (var record in batch.Records)
            {
                records.Add((record.Offset, Text(record)));
            }
        }

        Assert.All(counts, count => Assert.InRange(count, 1, 3));
        Assert.Equal(Expected(0, 7), records);
    }

    [Fact]
    public async Task ReadAsync_TinyBatchBuffer_ReturnsEveryRecord()
    {
        var log = CreateLog();
        await using var writer = await log.OpenWriterAsync(0);
        await AppendAndFlushAsync(writer, 0, 12);
        using var reader = await log.OpenReaderAsync(0, 0);

        Assert.Equal(Expected(0, 12), await ReadAllAsync(reader, new LogRecordBatch(maxRecords: 100, bufferSize: 40)));
    }

    [Fact]
    public async Task ReadAsync_RecordLargerThanBatchBuffer_ReturnsItWhole()
    {
        var log = CreateLog();
        var large = new byte[5000];
        new Random(42).NextBytes(large);
        await using var writer = await log.OpenWriterAsync(0);
        await writer.AppendAsync(Payload(0));
        await writer.AppendAsync(large);
        await writer.AppendAsync(Payload(2));
        await writer.FlushAsync();
        using var reader = await log.OpenReaderAsync(0, 1);
        var batch = new LogRecordBatch(maxRecords: 10, bufferSize: 64);

        Assert.Equal(1, await reader.ReadAsync(batch));
        Assert.Equal(1, batch.Records[0].Offset);
        Assert.Equal(large, batch.Records[0].Payload.ToArray());
        Assert.Equal(1, await reader.ReadAsync(batch));
        Assert.Equal("record-0002", Text(batch.Records[0]));
    }

    [Fact]
    public async Task ReadAsync_EmptyPayload_ReturnsEmptyRecord()
    {
        var log = CreateLog();
        await using var writer = await log.OpenWriterAsync(0);
        await writer.AppendAsync(ReadOnlyMemory<byte>.Empty);
        await writer.AppendAsync(Payload(1));
        await writer.FlushAsync();
        using var reader = await log.OpenReaderAsync(0, 0);

        Assert.Equal([(0L, ""), (1L, "record-0001")], await ReadAllAsync(reader));
    }

    [Fact]
    public async Task ReadAsync_BatchReused_HoldsOnlyTheLatestRecords()
    {
        var log = CreateLog();
        await using var writer = await log.OpenWriterAsync(0);
        await AppendAndFlushAsync(writer, 0, 2);
        using var reader = await log.OpenReaderAsync(0, 0);
        var batch = new LogRecordBatch();
        await reader.ReadAsync(batch);
        await AppendAndFlushAsync(writer, 2, 1);

        Assert.Equal(1, await reader.ReadAsync(batch));
        Assert.Equal(2, batch.Records[0].Offset);
        Assert.Equal("record-0002", Text(batch.Records[0]));
    }

    [Fact]
    public async Task ReadAsync_AppendedButNotFlushed_ReturnsNothingUntilFlushAsync()
    {
        var log = CreateLog();
        await using var writer = await log.OpenWriterAsync(0);
        await AppendAndFlushAsync(writer, 0, 2);
        await writer.AppendAsync(Payload(2));
        await writer.AppendAsync(Payload(3));
        using var reader = await log.OpenReaderAsync(0, 0);

        Assert.Equal(Expected(0, 2), await ReadAllAsync(reader));
        Assert.Equal(new LogPartitionBounds(0, 2), await log.GetBoundsAsync(0));
        await Assert.ThrowsAsync<LogOffsetOutOfRangeException>(() => log.OpenReaderAsync(0, 3).AsTask());

        await writer.FlushAsync();

        Assert.Equal(Expected(2, 2), await ReadAllAsync(reader));
        Assert.Equal(new LogPartitionBounds(0, 4), await log.GetBoundsAsync(0));
    }

    [Fact]
    public async Task OpenReaderAsync_MiddleOffset_ReadsFromThatOffset()
    {
        var log = CreateLog();
        await using var writer = await log.OpenWriterAsync(0);
        await AppendAndFlushAsync(writer, 0, 30);

        using var reader = await log.OpenReaderAsync(0, 17);

        Assert.Equal(17, reader.Position);
        Assert.Equal(Expected(17, 13), await ReadAllAsync(reader));
    }

    [Fact]
    public async Task OpenReaderAsync_PastEnd_ThrowsOffsetOutOfRange()
    {
        var log = CreateLog();
        await using var writer = await log.OpenWriterAsync(0);
        await AppendAndFlushAsync(writer, 0, 5);

        var ex = await Assert.ThrowsAsync<LogOffsetOutOfRangeException>(() => log.OpenReaderAsync(0, 6).AsTask());

        Assert.Equal(6, ex.Offset);
        Assert.Equal(new LogPartitionBounds(0, 5), ex.Bounds);
        Assert.Contains("after the end", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenReaderAsync_NegativeOffset_ThrowsOffsetOutOfRange()
    {
        var log = CreateLog();

        var ex = await Assert.ThrowsAsync<LogOffsetOutOfRangeException>(() => log.OpenReaderAsync(0, -1).AsTask());

        Assert.Contains("before the first retained offset", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenReaderAsync_EmptyPartitionAtZero_ReadsRecordsAppendedLater()
    {
        var log = CreateLog();
        using var reader = await log.OpenReaderAsync(0, 0);
        var batch = new LogRecordBatch();
        Assert.Equal(0, await reader.ReadAsync(batch));

        await using var writer = await log.OpenWriterAsync(0);
        await AppendAndFlushAsync(writer, 0, 4);

        Assert.Equal(Expected(0, 4), await ReadAllAsync(reader, batch));
    }

    [Fact]
    public async Task ReadAsync_AtEndThenWriterAppends_ReturnsNewRecords()
    {
        var log = CreateLog();
        await using var writer = await log.OpenWriterAsync(0);
        await AppendAndFlushAsync(writer, 0, 3);
        using var reader = await log.OpenReaderAsync(0, 3);
        Assert.Empty(await ReadAllAsync(reader));

        await AppendAndFlushAsync(writer, 3, 25);

        Assert.Equal(Expected(3, 25), await ReadAllAsync(reader));
    }

    [Fact]
    public async Task SeekAsync_Backward_ReplaysTheSameRecords()
    {
        var log = CreateLog();
        await using var writer = await log.OpenWriterAsync(0);
        await AppendAndFlushAsync(writer, 0, 20);
        using var reader = await log.OpenReaderAsync(0, 0);
        await ReadAllAsync(reader);

        await reader.SeekAsync(5);

        Assert.Equal(5, reader.Position);
        Assert.Equal(Expected(5, 15), await ReadAllAsync(reader));
    }

    [Fact]
    public async Task GetBoundsAsync_EmptyAndAfterFlush_ReturnsRetainedRange()
    {
        var log = CreateLog();
        Assert.Equal(new LogPartitionBounds(0, 0), await log.GetBoundsAsync(0));

        await using var writer = await log.OpenWriterAsync(0);
        await AppendAndFlushAsync(writer, 0, 15);

        Assert.Equal(new LogPartitionBounds(0, 15), await log.GetBoundsAsync(0));
    }

    [Fact]
    public async Task Partitions_AppendedSeparately_HaveIndependentOffsets()
    {
        var log = CreateLog(partitionCount: 3);
        await using var first = await log.OpenWriterAsync(0);
        await using var third = await log.OpenWriterAsync(2);
        await AppendAndFlushAsync(first, 0, 4);
        await AppendAndFlushAsync(third, 100, 2);

        using var reader = await log.OpenReaderAsync(2, 0);

        Assert.Equal(3, log.PartitionCount);
        Assert.Equal([(0L, "record-0100"), (1L, "record-0101")], await ReadAllAsync(reader));
        Assert.Equal(new LogPartitionBounds(0, 0), await log.GetBoundsAsync(1));
    }

    [Fact]
    public async Task OpenWriterAsync_WriterAlreadyOpen_ThrowsInvalidOperation()
    {
        var log = CreateLog();
        await using var writer = await log.OpenWriterAsync(0);

        await Assert.ThrowsAsync<InvalidOperationException>(() => log.OpenWriterAsync(0).AsTask());
    }

    [Fact]
    public async Task OpenWriterAsync_AfterPreviousWriterDisposed_ContinuesAtNextOffset()
    {
        var log = CreateLog();
        await using (var writer = await log.OpenWriterAsync(0))
        {
            await AppendAndFlushAsync(writer, 0, 3);
        }

        await using var reopened = await log.OpenWriterAsync(0);

        Assert.Equal(3, reopened.NextOffset);
        Assert.Equal(3, await reopened.AppendAsync(Payload(3)));
    }

    [Fact]
    public async Task DisposeAsync_UnflushedRecords_AreFlushed()
    {
        var log = CreateLog();
        await using (var writer = await log.OpenWriterAsync(0))
        {
            await writer.AppendAsync(Payload(0));
            await writer.AppendAsync(Payload(1));
        }

        using var reader = await log.OpenReaderAsync(0, 0);

        Assert.Equal(Expected(0, 2), await ReadAllAsync(reader));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(2)]
    public async Task OpenReaderAsync_InvalidPartition_ThrowsArgumentOutOfRange(int partition)
    {
        var log = CreateLog(partitionCount: 2);

        var ex = await Assert.ThrowsAnyAsync<ArgumentOutOfRangeException>(() => log.OpenReaderAsync(partition, 0).AsTask());

        Assert.IsNotType<LogOffsetOutOfRangeException>(ex);
    }

    [Fact]
    public async Task DeleteBeforeAsync_Offset_KeepsRecordsFromItAndRejectsEarlierSeeks()
    {
        var log = CreateLog();
        await using var writer = await log.OpenWriterAsync(0);
        await AppendAndFlushAsync(writer, 0, 30);

        var first = await writer.DeleteBeforeAsync(25);

        Assert.InRange(first, 1, 25);
        Assert.Equal(new LogPartitionBounds(first, 30), await log.GetBoundsAsync(0));
        var ex = await Assert.ThrowsAsync<LogOffsetOutOfRangeException>(() => log.OpenReaderAsync(0, first - 1).AsTask());
        Assert.Contains("before the first retained offset", ex.Message, StringComparison.Ordinal);
        using var reader = await log.OpenReaderAsync(0, first);
        Assert.Equal(Expected((int)first, 30 - (int)first), await ReadAllAsync(reader));
    }
}
