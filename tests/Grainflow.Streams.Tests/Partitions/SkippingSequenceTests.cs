using Grainflow.Streaming.Sources;
using Grainflow.Streams.Log;
using Grainflow.Streams.Log.Partitions;
using Grainflow.Streams.Log.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Grainflow.Streams.Tests.Partitions;

/// <summary>A producer whose records say its sequence numbers may skip (a job's stream sink, numbering by epoch).</summary>
public sealed class SkippingSequenceTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task AppendAsync_SequenceSkips_AppendedAndEveryRetryStoredOnce()
    {
        var log = SegmentLog.Open(_directory.Path, new SegmentLogOptions { PartitionCount = 1 });
        await using (var appender = await OpenAppenderAsync(log))
        {
            Assert.False((await appender.AppendAsync(Append(5))).Duplicate);
            Assert.False((await appender.AppendAsync(Append(9))).Duplicate);
            Assert.True((await appender.AppendAsync(Append(5))).Duplicate);
            Assert.True((await appender.AppendAsync(Append(9))).Duplicate);
        }

        // Reopened, the partition knows the producer's last number from its records.
        await using (var reopened = await OpenAppenderAsync(log))
        {
            Assert.True((await reopened.AppendAsync(Append(9))).Duplicate);
            Assert.False((await reopened.AppendAsync(Append(1L << 40))).Duplicate);
        }

        Assert.Equal([5L, 9L, 1L << 40], await ReadSequencesAsync(log));
    }

    [Fact]
    public async Task AppendAsync_SameProducerWithoutTheFlag_GapStillRefused()
    {
        var log = SegmentLog.Open(_directory.Path, new SegmentLogOptions { PartitionCount = 1 });
        await using var appender = await OpenAppenderAsync(log);
        await appender.AppendAsync(Append(5));

        await Assert.ThrowsAsync<ProducerSequenceException>(() => appender.AppendAsync(new LogAppend(LogStreamRecord.Encode("sink", 7, [1]))));
    }

    public void Dispose() => _directory.Dispose();

    private static LogAppend Append(long sequence) => new(LogStreamRecord.Encode("sink", sequence, [1], sequenceMaySkip: true));

    private static Task<PartitionAppender> OpenAppenderAsync(SegmentLog log) =>
        PartitionAppender.OpenAsync(log, 0, new GrainflowLogStreamOptions(), TimeProvider.System, NullLogger.Instance);

    private static async Task<List<long>> ReadSequencesAsync(SegmentLog log)
    {
        var sequences = new List<long>();
        using var reader = await log.OpenReaderAsync(0, 0);
        var batch = new LogRecordBatch();
        while (await reader.ReadAsync(batch) > 0)
        {
            foreach (var record in batch.Records)
            {
                var header = LogStreamRecord.ReadHeader(record.Payload.Span);
                Assert.True(header.SequenceMaySkip);
                sequences.Add(header.Sequence);
            }
        }

        return sequences;
    }
}
