using System.Buffers.Binary;
using System.Text;
using Grainflow.Streaming.Sources;

namespace Grainflow.Streaming.Tests.Sources;

/// <summary>What only the on-disk log has: files, crash recovery, corruption and sharing between processes.</summary>
public sealed class SegmentLogTests : IDisposable
{
    private const int FrameLength = 19; // 8 bytes of framing + "record-NNNN"
    private const int HeaderLength = 16;

    private readonly TempDirectory _directory = new();

    private string LogPath => _directory.Combine("log");

    private string PartitionPath => Path.Combine(LogPath, "partition-0000");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task AppendAsync_PastSegmentSize_RollsSegmentsNamedByBaseOffset()
    {
        var log = OpenLog();
        await using var writer = await log.OpenWriterAsync(0);

        await AppendAndFlushAsync(writer, 0, 25);

        Assert.Equal(["00000000000000000000.segment", "00000000000000000010.segment", "00000000000000000020.segment"], SegmentNames());
        Assert.Equal(HeaderLength + (10 * FrameLength), new FileInfo(SegmentPath(0)).Length);
        Assert.Equal(HeaderLength + (5 * FrameLength), new FileInfo(SegmentPath(20)).Length);
    }

    [Fact]
    public async Task OpenReaderAsync_EveryOffsetAcrossSegments_ReadsExactlyTheRemainingRecords()
    {
        var log = OpenLog();
        await using var writer = await log.OpenWriterAsync(0);
        await AppendAndFlushAsync(writer, 0, 25);

        for (var offset = 0; offset <= 25; offset++)
        {
            using var reader = await log.OpenReaderAsync(0, offset);
            Assert.Equal(Expected(offset, 25 - offset), await ReadAllAsync(reader));
        }
    }

    [Fact]
    public async Task OpenWriterAsync_NewLogInstance_ContinuesOffsetsAndSegments()
    {
        await using (var writer = await OpenLog().OpenWriterAsync(0))
        {
            await AppendAndFlushAsync(writer, 0, 15);
        }

        var reopened = OpenLog();
        await using (var writer = await reopened.OpenWriterAsync(0))
        {
            Assert.Equal(15, writer.NextOffset);
            Assert.Equal(15, await writer.AppendAsync(Payload(15)));
            await AppendAndFlushAsync(writer, 16, 9);
        }

        using var reader = await reopened.OpenReaderAsync(0, 0);
        Assert.Equal(Expected(0, 25), await ReadAllAsync(reader));
        Assert.Equal(["00000000000000000000.segment", "00000000000000000010.segment", "00000000000000000020.segment"], SegmentNames());
    }

    [Theory]
    [InlineData(3)] // part of a frame header
    [InlineData(12)] // a whole frame header and part of its payload
    public async Task OpenWriterAsync_TornFrameAtTail_TruncatesItAndContinues(int tornBytes)
    {
        await WriteRecordsAsync(5);
        var validLength = new FileInfo(SegmentPath(0)).Length;
        var torn = new byte[tornBytes];
        new Random(7).NextBytes(torn);
        if (tornBytes >= sizeof(int))
        {
            BinaryPrimitives.WriteInt32LittleEndian(torn, 100); // a length field the remaining bytes cannot satisfy
        }

        AppendToFile(SegmentPath(0), torn);
        var log = OpenLog();

        await using var writer = await log.OpenWriterAsync(0);

        Assert.Equal(validLength, new FileInfo(SegmentPath(0)).Length);
        Assert.Equal(5, writer.NextOffset);
        Assert.Equal(5, await writer.AppendAsync(Payload(5)));
        await writer.FlushAsync();
        using var reader = await log.OpenReaderAsync(0, 0);
        Assert.Equal(Expected(0, 6), await ReadAllAsync(reader));
    }

    [Fact]
    public async Task OpenWriterAsync_ChecksumMismatchInLastFrame_TruncatesThatFrame()
    {
        // The damaged frame must lie past the durable mark, as a torn append does: a crash before the mark moved.
        await WriteRecordsAsync(4);
        var markPath = Path.Combine(PartitionPath, "durable.mark");
        var mark = File.ReadAllBytes(markPath);
        await using (var appender = await OpenLog().OpenWriterAsync(0))
        {
            await AppendAndFlushAsync(appender, 4, 1);
        }

        File.WriteAllBytes(markPath, mark);
        var length = new FileInfo(SegmentPath(0)).Length;
        FlipByte(SegmentPath(0), length - 1);
        var log = OpenLog();

        await using var writer = await log.OpenWriterAsync(0);

        Assert.Equal(length - FrameLength, new FileInfo(SegmentPath(0)).Length);
        Assert.Equal(4, writer.NextOffset);
        using var reader = await log.OpenReaderAsync(0, 0);
        Assert.Equal(Expected(0, 4), await ReadAllAsync(reader));
    }

    [Fact]
    public async Task ReadAsync_TornTail_ReportsNoMoreRecordsAndLeavesTheFileUntouched()
    {
        await WriteRecordsAsync(5);
        FlipByte(SegmentPath(0), new FileInfo(SegmentPath(0)).Length - 1);
        AppendToFile(SegmentPath(0), [1, 2, 3]);
        var length = new FileInfo(SegmentPath(0)).Length;
        using var reader = await OpenLog().OpenReaderAsync(0, 0);
        var batch = new LogRecordBatch();

        Assert.Equal(Expected(0, 4), await ReadAllAsync(reader, batch));
        Assert.Equal(0, await reader.ReadAsync(batch));
        Assert.Equal(4, reader.Position);
        Assert.Equal(length, new FileInfo(SegmentPath(0)).Length);
    }

    [Fact]
    public async Task ReadAsync_CorruptRecordInSealedSegment_ThrowsNamingFileAndPosition()
    {
        await WriteRecordsAsync(25);
        var corruptPosition = HeaderLength + (3 * FrameLength);
        FlipByte(SegmentPath(0), corruptPosition + 10);
        using var reader = await OpenLog().OpenReaderAsync(0, 0);
        var batch = new LogRecordBatch();

        Assert.Equal(3, await reader.ReadAsync(batch));
        var ex = await Assert.ThrowsAsync<LogCorruptedException>(() => reader.ReadAsync(batch).AsTask());

        Assert.Equal(SegmentPath(0), ex.FilePath);
        Assert.Equal(corruptPosition, ex.FilePosition);
        Assert.Contains("00000000000000000000.segment", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"byte position {corruptPosition}", ex.Message, StringComparison.Ordinal);
        Assert.Contains("checksum", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenReaderAsync_CorruptRecordBeforeOffsetInSealedSegment_ThrowsCorrupted()
    {
        await WriteRecordsAsync(25);
        FlipByte(SegmentPath(0), HeaderLength + (3 * FrameLength) + 10);

        var ex = await Assert.ThrowsAsync<LogCorruptedException>(() => OpenLog().OpenReaderAsync(0, 7).AsTask());

        Assert.Equal(SegmentPath(0), ex.FilePath);
        Assert.Equal(HeaderLength + (3 * FrameLength), ex.FilePosition);
    }

    [Fact]
    public async Task OpenWriterAsync_SegmentWithForeignHeader_ThrowsCorrupted()
    {
        await WriteRecordsAsync(3);
        FlipByte(SegmentPath(0), 0);

        var ex = await Assert.ThrowsAsync<LogCorruptedException>(() => OpenLog().OpenWriterAsync(0).AsTask());

        Assert.Equal(0, ex.FilePosition);
        Assert.Contains("magic number", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenWriterAsync_EmptySegmentFileLeftByCrash_RewritesHeaderAndAppendsThere()
    {
        await WriteRecordsAsync(10);
        File.WriteAllBytes(SegmentPath(10), []);
        var log = OpenLog();

        await using (var writer = await log.OpenWriterAsync(0))
        {
            Assert.Equal(10, writer.NextOffset);
            await AppendAndFlushAsync(writer, 10, 1);
        }

        Assert.Equal(HeaderLength + FrameLength, new FileInfo(SegmentPath(10)).Length);
        using var reader = await log.OpenReaderAsync(0, 0);
        Assert.Equal(Expected(0, 11), await ReadAllAsync(reader));
    }

    [Fact]
    public async Task OpenWriterAsync_WriterOpenInAnotherInstance_ThrowsIOException()
    {
        await using var writer = await OpenLog().OpenWriterAsync(0);

        var ex = await Assert.ThrowsAsync<IOException>(() => OpenLog().OpenWriterAsync(0).AsTask());

        Assert.Contains("already open for writing", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteBeforeAsync_OffsetInsideSegment_DeletesOnlyWholeSegmentsBeforeIt()
    {
        await using var writer = await OpenLog().OpenWriterAsync(0);
        await AppendAndFlushAsync(writer, 0, 25);

        Assert.Equal(10, await writer.DeleteBeforeAsync(19));
        Assert.Equal(["00000000000000000010.segment", "00000000000000000020.segment"], SegmentNames());
    }

    [Fact]
    public async Task ReadAsync_WriterAppendingInAnotherInstance_ReadsEveryRecordInOrder()
    {
        const int Total = 400;
        var writerLog = OpenLog();
        var readerLog = OpenLog(); // separate handles, as in another process
        using var reader = await readerLog.OpenReaderAsync(0, 0);

        var writing = Task.Run(async () =>
        {
            await using var writer = await writerLog.OpenWriterAsync(0);
            for (var i = 0; i < Total; i += 7)
            {
                await AppendAndFlushAsync(writer, i, Math.Min(7, Total - i));
            }
        });

        var records = new List<(long, string)>();
        var batch = new LogRecordBatch(maxRecords: 16);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (records.Count < Total && DateTime.UtcNow < deadline)
        {
            if (await reader.ReadAsync(batch) == 0)
            {
                await Task.Yield();
                continue;
            }

            foreach (var record in batch.Records)
            {
                records.Add((record.Offset, Encoding.UTF8.GetString(record.Payload.Span)));
            }
        }

        await writing;
        Assert.Equal(Expected(0, Total), records);
        Assert.Equal(0, await reader.ReadAsync(batch));
    }

    [Fact]
    public void Open_ExistingLogWithOtherPartitionCount_ThrowsInvalidOperation()
    {
        SegmentLog.Open(LogPath, new SegmentLogOptions { PartitionCount = 2 });

        var ex = Assert.Throws<InvalidOperationException>(() => SegmentLog.Open(LogPath, new SegmentLogOptions { PartitionCount = 3 }));

        Assert.Contains("has 2 partitions, but 3 were configured", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, SegmentLog.Open(LogPath).PartitionCount);
    }

    [Fact]
    public void Open_MissingLogWithoutCreate_ThrowsDirectoryNotFound()
    {
        Assert.Throws<DirectoryNotFoundException>(() => SegmentLog.Open(LogPath, new SegmentLogOptions { CreateIfMissing = false }));
        Assert.False(Directory.Exists(LogPath));
    }

    private SegmentLog OpenLog() =>
        SegmentLog.Open(LogPath, new SegmentLogOptions { SegmentSize = SegmentLogContractTests.SmallSegmentSize });

    private async Task WriteRecordsAsync(int count)
    {
        await using var writer = await OpenLog().OpenWriterAsync(0);
        await AppendAndFlushAsync(writer, 0, count);
    }

    private string SegmentPath(long baseOffset) => Path.Combine(PartitionPath, $"{baseOffset:D20}.segment");

    private string[] SegmentNames() =>
        Directory.GetFiles(PartitionPath, "*.segment").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    private static byte[] Payload(int index) => Encoding.UTF8.GetBytes($"record-{index:D4}");

    private static List<(long Offset, string Text)> Expected(int from, int count) =>
        Enumerable.Range(from, count).Select(i => ((long)i, $"record-{i:D4}")).ToList();

    private static async Task AppendAndFlushAsync(ILogWriter writer, int from, int count)
    {
        for (var i = from; i < from + count; i++)
        {
            await writer.AppendAsync(Payload(i));
        }

        await writer.FlushAsync();
    }

    private static async Task<List<(long Offset, string Text)>> ReadAllAsync(ILogReader reader, LogRecordBatch? batch = null)
    {
        batch ??= new LogRecordBatch();
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

    private static void AppendToFile(string path, byte[] bytes)
    {
        using var stream = new FileStream(path, FileMode.Append, FileAccess.Write);
        stream.Write(bytes);
    }

    private static void FlipByte(string path, long position)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        stream.Position = position;
        var value = stream.ReadByte();
        stream.Position = position;
        stream.WriteByte((byte)(value ^ 0xFF));
    }
}
