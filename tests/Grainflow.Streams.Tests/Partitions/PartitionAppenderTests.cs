using Grainflow.Streaming.Sources;
using Grainflow.Streams.Log;
using Grainflow.Streams.Log.Partitions;
using Grainflow.Streams.Log.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Grainflow.Streams.Tests.Partitions;

public sealed class PartitionAppenderTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Theory]
    [InlineData(LogDurability.GroupCommit)]
    [InlineData(LogDurability.PerAppend)]
    public async Task AppendAsync_Acknowledged_VisibleToAnotherReaderBeforeClose(LogDurability durability)
    {
        var log = OpenLog();
        await using var appender = await OpenAppenderAsync(log, new GrainflowLogStreamOptions { Durability = durability });

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => appender.AppendAsync(Append($"p{i % 4}", i / 4))));

        Assert.Equal(Enumerable.Range(0, 200).Select(i => (long)i), results.Select(r => r.Offset).Order());
        Assert.All(results, r => Assert.False(r.Duplicate));

        // A second log instance reads files only: it sees what the durable mark covers, so every acknowledged record.
        Assert.Equal(200, (await ReadHeadersAsync(SegmentLog.Open(_directory.Path))).Count);
    }

    [Fact]
    public async Task AppendAsync_SameProducerSequenceTwice_StoredOnce()
    {
        var log = OpenLog();
        await using var appender = await OpenAppenderAsync(log);

        var first = await appender.AppendAsync(Append("producer", 0));
        var retry = await appender.AppendAsync(Append("producer", 0));
        var next = await appender.AppendAsync(Append("producer", 1));

        Assert.Equal(new LogAppendResult(0, Duplicate: false), first);
        Assert.Equal(new LogAppendResult(0, Duplicate: true), retry);
        Assert.Equal(new LogAppendResult(1, Duplicate: false), next);
        Assert.Equal([("producer", 0L), ("producer", 1L)], await ReadHeadersAsync(log));
    }

    [Fact]
    public async Task AppendAsync_RetriesAfterReopen_StoredOnce()
    {
        var log = OpenLog();
        await using (var appender = await OpenAppenderAsync(log))
        {
            for (var sequence = 0; sequence < 10; sequence++)
            {
                await appender.AppendAsync(Append("producer", sequence));
            }
        }

        // A restarted producer replays from sequence 5: the partition rebuilt its table from the records.
        await using (var reopened = await OpenAppenderAsync(log))
        {
            for (var sequence = 5; sequence < 15; sequence++)
            {
                var result = await reopened.AppendAsync(Append("producer", sequence));
                Assert.Equal(sequence < 10, result.Duplicate);
            }
        }

        Assert.Equal(Enumerable.Range(0, 15).Select(s => ((string?)"producer", (long)s)), await ReadHeadersAsync(log));
    }

    [Fact]
    public async Task AppendAsync_SequenceGap_RefusedAndNotStored()
    {
        var log = OpenLog();
        await using var appender = await OpenAppenderAsync(log);
        await appender.AppendAsync(Append("producer", 3));

        var error = await Assert.ThrowsAsync<ProducerSequenceException>(() => appender.AppendAsync(Append("producer", 5)));

        Assert.Contains("appends 4 to 4 are missing", error.Message, StringComparison.Ordinal);
        Assert.Equal([("producer", 3L)], await ReadHeadersAsync(log));
        Assert.False((await appender.AppendAsync(Append("producer", 4))).Duplicate);
    }

    [Fact]
    public async Task OpenAsync_TornTailAfterCrash_TruncatedAndProducerStateKept()
    {
        var log = OpenLog();
        await using (var appender = await OpenAppenderAsync(log))
        {
            await appender.AppendAsync(Append("producer", 0));
            await appender.AppendAsync(Append("producer", 1));
        }

        // What a crash in the middle of writing the next frame leaves: bytes that are not a whole valid frame.
        var segment = Directory.GetFiles(Path.Combine(_directory.Path, "partition-0000"), "*.segment").Single();
        await File.AppendAllTextAsync(segment, "torn frame");

        await using (var reopened = await OpenAppenderAsync(log))
        {
            Assert.True((await reopened.AppendAsync(Append("producer", 1))).Duplicate);
            Assert.Equal(new LogAppendResult(2, Duplicate: false), await reopened.AppendAsync(Append("producer", 2)));
        }

        Assert.Equal([("producer", 0L), ("producer", 1L), ("producer", 2L)], await ReadHeadersAsync(log));
    }

    [Fact]
    public async Task AppendAsync_WithoutProducer_AlwaysAppended()
    {
        var log = OpenLog();
        await using var appender = await OpenAppenderAsync(log);

        await appender.AppendAsync(new LogAppend(LogStreamRecord.Encode(null, 0, [1])));
        await appender.AppendAsync(new LogAppend(LogStreamRecord.Encode(null, 0, [1])));

        Assert.Equal([(null, 0L), (null, 0L)], await ReadHeadersAsync(log));
    }

    public void Dispose() => _directory.Dispose();

    private static LogAppend Append(string producer, long sequence) =>
        new(LogStreamRecord.Encode(producer, sequence, [(byte)sequence]));

    private SegmentLog OpenLog() => SegmentLog.Open(_directory.Path, new SegmentLogOptions { PartitionCount = 1 });

    private static Task<PartitionAppender> OpenAppenderAsync(SegmentLog log, GrainflowLogStreamOptions? options = null) =>
        PartitionAppender.OpenAsync(log, 0, options ?? new GrainflowLogStreamOptions(), TimeProvider.System, NullLogger.Instance);

    private static async Task<List<(string? Producer, long Sequence)>> ReadHeadersAsync(SegmentLog log)
    {
        var headers = new List<(string?, long)>();
        using var reader = await log.OpenReaderAsync(0, 0);
        var batch = new LogRecordBatch();
        while (await reader.ReadAsync(batch) > 0)
        {
            foreach (var record in batch.Records)
            {
                var header = LogStreamRecord.ReadHeader(record.Payload.Span);
                headers.Add((header.ProducerId, header.Sequence));
            }
        }

        return headers;
    }
}
