using System.Text;
using Grainflow.Streaming.Sources;

namespace Grainflow.Streaming.Tests.Sources;

/// <summary>
/// The durable mark of the segment log: readers never hand out a record a power loss could take back. A power loss
/// is simulated by putting the files back as the disk held them at the last fsync (segment cut to its synced length,
/// mark file as it was), which is all a crash leaves.
/// </summary>
public sealed class SegmentLogDurabilityTests : IDisposable
{
    private const int FrameLength = 19; // 8 bytes of framing + "record-NNNN"
    private const int HeaderLength = 16;

    private readonly TempDirectory _directory = new();

    private string PartitionPath => Path.Combine(_directory.Combine("log"), "partition-0000");

    private string MarkPath => Path.Combine(PartitionPath, "durable.mark");

    private string FirstSegmentPath => Path.Combine(PartitionPath, $"{0:D20}.segment");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task ReadAsync_AppendedButUnflushedBytesInSegment_ReturnsNothing()
    {
        var log = OpenLog();
        await using var writer = await log.OpenWriterAsync(0);
        await AppendAsync(writer, 0, 3);
        using var reader = await OpenLog().OpenReaderAsync(0, 0);

        Assert.Equal(HeaderLength + (3 * FrameLength), new FileInfo(FirstSegmentPath).Length);
        Assert.Empty(await ReadAllAsync(reader));
        Assert.Equal(0, reader.Position);
        Assert.Equal(new LogPartitionBounds(0, 0), await OpenLog().GetBoundsAsync(0));
    }

    [Fact]
    public async Task ReadAsync_AfterFlushAsync_ReturnsTheRecordsToTheWaitingReader()
    {
        var log = OpenLog();
        await using var writer = await log.OpenWriterAsync(0);
        using var reader = await OpenLog().OpenReaderAsync(0, 0);
        await AppendAsync(writer, 0, 3);
        Assert.Empty(await ReadAllAsync(reader));

        await writer.FlushAsync();

        Assert.Equal(Expected(0, 3), await ReadAllAsync(reader));
        Assert.Equal(new LogPartitionBounds(0, 3), await OpenLog().GetBoundsAsync(0));
    }

    [Fact]
    public async Task AppendAsync_PastSegmentSize_RollMakesTheSealedRecordsVisible()
    {
        await using var writer = await OpenLog().OpenWriterAsync(0);

        await AppendAsync(writer, 0, 12);

        using var reader = await OpenLog().OpenReaderAsync(0, 0);
        Assert.Equal(Expected(0, 10), await ReadAllAsync(reader));
    }

    [Fact]
    public async Task OpenWriterAsync_PowerLossDroppedUnflushedTail_EndsAtTheMarkAndNoReaderPassedIt()
    {
        var handedOut = new List<(long Offset, string Text)>();
        using var reader = await OpenLog().OpenReaderAsync(0, 0);
        await using (var writer = await OpenLog().OpenWriterAsync(0))
        {
            await AppendAsync(writer, 0, 5);
            await writer.FlushAsync();
            var (syncedLength, syncedMark) = Snapshot();
            handedOut.AddRange(await ReadAllAsync(reader));
            await AppendAsync(writer, 5, 3);
            handedOut.AddRange(await ReadAllAsync(reader));
            await writer.DisposeAsync(); // closes the files; the power loss below then undoes what was not synced
            RestoreAsAtPowerLoss(syncedLength, syncedMark);
        }

        var log = OpenLog();
        await using var reopened = await log.OpenWriterAsync(0);

        Assert.Equal(Expected(0, 5), handedOut);
        Assert.Equal(5, reopened.NextOffset);
        Assert.Equal(new LogPartitionBounds(0, 5), await log.GetBoundsAsync(0));
        Assert.Equal(5, await reopened.AppendAsync(Payload(5)));
    }

    [Fact]
    public async Task OpenWriterAsync_CrashBetweenSegmentSyncAndMark_KeepsTheUnseenRecordsAndPublishesThem()
    {
        await using (var writer = await OpenLog().OpenWriterAsync(0))
        {
            await AppendAsync(writer, 0, 5);
            await writer.FlushAsync();
            var (_, syncedMark) = Snapshot();
            await AppendAsync(writer, 5, 3);
            await writer.DisposeAsync();
            RestoreAsAtPowerLoss(HeaderLength + (8 * FrameLength), syncedMark);
        }

        using var before = await OpenLog().OpenReaderAsync(0, 0);
        Assert.Equal(Expected(0, 5), await ReadAllAsync(before));

        await using var reopened = await OpenLog().OpenWriterAsync(0);

        Assert.Equal(8, reopened.NextOffset);
        Assert.Equal(Expected(5, 3), await ReadAllAsync(before));
        Assert.Equal(new LogPartitionBounds(0, 8), await OpenLog().GetBoundsAsync(0));
    }

    [Fact]
    public async Task OpenWriterAsync_SegmentShorterThanMark_ThrowsCorruptedInsteadOfReusingOffsets()
    {
        await WriteRecordsAsync(5);
        using (var stream = new FileStream(FirstSegmentPath, FileMode.Open, FileAccess.Write))
        {
            stream.SetLength(HeaderLength + (3 * FrameLength));
        }

        var ex = await Assert.ThrowsAsync<LogCorruptedException>(() => OpenLog().OpenWriterAsync(0).AsTask());

        Assert.Equal(MarkPath, ex.FilePath);
        Assert.Contains("records up to offset 5 were durable, but the segments end at offset 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenReaderAsync_MarkWithBadChecksum_ThrowsCorruptedNamingTheMark()
    {
        await WriteRecordsAsync(5);
        FlipByte(MarkPath, 9);

        var ex = await Assert.ThrowsAsync<LogCorruptedException>(() => OpenLog().OpenReaderAsync(0, 0).AsTask());
        var boundsEx = await Assert.ThrowsAsync<LogCorruptedException>(() => OpenLog().GetBoundsAsync(0).AsTask());

        Assert.Equal(MarkPath, ex.FilePath);
        Assert.Contains("checksum does not match", ex.Message, StringComparison.Ordinal);
        Assert.Equal(MarkPath, boundsEx.FilePath);
    }

    [Fact]
    public async Task OpenWriterAsync_MarkWithBadChecksum_ReplacesItWithTheRecoveredEnd()
    {
        await WriteRecordsAsync(5);
        FlipByte(MarkPath, 9);
        var log = OpenLog();

        await using var writer = await log.OpenWriterAsync(0);

        Assert.Equal(5, writer.NextOffset);
        using var reader = await log.OpenReaderAsync(0, 0);
        Assert.Equal(Expected(0, 5), await ReadAllAsync(reader));
    }

    [Fact]
    public async Task ReadAsync_LogWithoutMark_ReadsEveryValidRecordAsBefore()
    {
        await WriteRecordsAsync(15);
        File.Delete(MarkPath);
        var log = OpenLog();

        using var reader = await log.OpenReaderAsync(0, 3);

        Assert.Equal(Expected(3, 12), await ReadAllAsync(reader));
        Assert.Equal(new LogPartitionBounds(0, 15), await log.GetBoundsAsync(0));
        Assert.False(File.Exists(MarkPath));
    }

    [Fact]
    public async Task ReadAsync_LogWithoutMarkThenWriterOfThisBuildAppends_StopsAtTheMarkItPublishes()
    {
        await WriteRecordsAsync(5);
        File.Delete(MarkPath);
        using var reader = await OpenLog().OpenReaderAsync(0, 0);
        await using var writer = await OpenLog().OpenWriterAsync(0);

        await AppendAsync(writer, 5, 3);

        Assert.True(File.Exists(MarkPath));
        Assert.Equal(Expected(0, 5), await ReadAllAsync(reader));
        await writer.FlushAsync();
        Assert.Equal(Expected(5, 3), await ReadAllAsync(reader));
    }

    // A write buffer smaller than a frame sends every append straight to the file, as a full buffer would.
    private SegmentLog OpenLog() => SegmentLog.Open(_directory.Combine("log"), new SegmentLogOptions
    {
        SegmentSize = SegmentLogContractTests.SmallSegmentSize,
        WriteBufferSize = 8,
    });

    private async Task WriteRecordsAsync(int count)
    {
        await using var writer = await OpenLog().OpenWriterAsync(0);
        await AppendAsync(writer, 0, count);
        await writer.FlushAsync();
    }

    private (long SegmentLength, byte[] Mark) Snapshot() => (new FileInfo(FirstSegmentPath).Length, File.ReadAllBytes(MarkPath));

    private void RestoreAsAtPowerLoss(long segmentLength, byte[] mark)
    {
        using (var stream = new FileStream(FirstSegmentPath, FileMode.Open, FileAccess.Write))
        {
            stream.SetLength(segmentLength);
        }

        File.WriteAllBytes(MarkPath, mark);
    }

    private static async Task AppendAsync(ILogWriter writer, int from, int count)
    {
        for (var i = from; i < from + count; i++)
        {
            await writer.AppendAsync(Payload(i));
        }
    }

    private static byte[] Payload(int index) => Encoding.UTF8.GetBytes($"record-{index:D4}");

    private static List<(long Offset, string Text)> Expected(int from, int count) =>
        Enumerable.Range(from, count).Select(i => ((long)i, $"record-{i:D4}")).ToList();

    private static async Task<List<(long Offset, string Text)>> ReadAllAsync(ILogReader reader)
    {
        var batch = new LogRecordBatch();
        var records = new List<(long, string)>();
        while (await reader.ReadAsync(batch) > 0)
        {
            foreach (var record in batch.Records)
            {
                records.Add((record.Offset, Encoding.UTF8.GetString(record.Payload.Span)));
            }
        }

        return records;
    }

    private static void FlipByte(string path, long position)
    {
        var bytes = File.ReadAllBytes(path);
        bytes[position] ^= 0xFF;
        File.WriteAllBytes(path, bytes);
    }
}
