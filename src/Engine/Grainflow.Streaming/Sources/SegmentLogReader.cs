using Microsoft.Win32.SafeHandles;

namespace Grainflow.Streaming.Sources;

/// <summary>
/// A reader of one <see cref="SegmentLog"/> partition. Reads frames straight into the caller's batch buffer and
/// follows the writer from segment to segment; it never writes, so it may run in another process than the writer.
/// </summary>
/// <remarks>
/// Where no valid frame follows, the reader decides by whether the segment is sealed (a segment named by its
/// position exists): in the last segment it is an append in progress or a torn tail, so "no records yet"; in a
/// sealed segment, whose bytes the writer made durable before rolling, it is corruption.
/// <para>Records are handed out only below the partition's durable mark (<see cref="DurableMarkFile"/>), re-read
/// when the reader reaches it. Without a mark (a log last written by an older build) every valid frame is handed
/// out, as before; after each such read the reader checks whether a writer has since published a mark, and if so
/// re-reads the batch under it, so records a new writer appends are never handed out before they are durable.</para>
/// </remarks>
internal sealed class SegmentLogReader(string partitionDirectory, int partition) : ILogReader
{
    private SafeFileHandle? _segment;
    private string _segmentPath = "";
    private long _segmentBaseOffset;
    private bool _headerVerified;
    private long _filePosition;
    private long _recheckedPosition = -1;
    private long? _durableEnd; // null: the partition has no mark, every valid frame may be handed out
    private bool _disposed;

    public int Partition { get; } = partition;

    public long Position { get; private set; }

    public async ValueTask<int> ReadAsync(LogRecordBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ObjectDisposedException.ThrowIf(_disposed, this);
        batch.Clear();
        if (Position >= _durableEnd)
        {
            _durableEnd = DurableMarkFile.Read(partitionDirectory);
            if (Position >= _durableEnd)
            {
                return 0;
            }
        }

        var limit = _durableEnd ?? long.MaxValue;
        var start = Position;
        while (true)
        {
            if (_segment is null && !TryOpenNextSegment())
            {
                return 0;
            }

            if (!_headerVerified && !await TryVerifyHeaderAsync(cancellationToken).ConfigureAwait(false))
            {
                return 0;
            }

            var free = batch.FreeBuffer;
            var read = await RandomAccess.ReadAsync(_segment!, free, _filePosition, cancellationToken).ConfigureAwait(false);
            var data = free.Span[..read];
            var consumed = 0;
            var status = FrameStatus.Incomplete;
            var payloadLength = -1;
            while (!batch.IsFull && Position < limit)
            {
                status = SegmentFormat.ParseFrame(data[consumed..], out payloadLength);
                if (status != FrameStatus.Complete)
                {
                    break;
                }

                batch.AddFromFreeBuffer(Position, SegmentFormat.FrameHeaderLength, payloadLength);
                consumed += SegmentFormat.FrameHeaderLength + payloadLength;
                Position++;
            }

            _filePosition += consumed;
            if (batch.Count > 0)
            {
                return _durableEnd is null && DurableMarkFile.Exists(partitionDirectory)
                    ? await RereadUnderNewMarkAsync(batch, start, cancellationToken).ConfigureAwait(false)
                    : batch.Count;
            }

            var frameLength = SegmentFormat.FrameHeaderLength + payloadLength;
            if (status == FrameStatus.Incomplete && payloadLength >= 0 && frameLength > free.Length
                && _filePosition + frameLength <= RandomAccess.GetLength(_segment!))
            {
                batch.EnsureBufferCapacity(frameLength);
                continue;
            }

            if (!TryMoveToNextSegment(status))
            {
                return 0;
            }
        }
    }

    public async ValueTask SeekAsync(long offset, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _durableEnd = DurableMarkFile.Read(partitionDirectory);
        var segments = SegmentFiles.ListSegments(partitionDirectory);
        var first = segments.Count == 0 ? 0 : segments[0];
        if (offset < first || offset > _durableEnd)
        {
            var end = await CountEndAsync(segments, cancellationToken).ConfigureAwait(false);
            throw new LogOffsetOutOfRangeException(Partition, offset, new LogPartitionBounds(first, Math.Min(end, _durableEnd ?? end)));
        }

        var index = segments.FindLastIndex(baseOffset => baseOffset <= offset);
        CloseSegment();
        Position = offset;
        if (index < 0)
        {
            // An empty partition: offset 0 waits for the writer's first segment.
            if (offset == 0)
            {
                return;
            }

            throw new LogOffsetOutOfRangeException(Partition, offset, new LogPartitionBounds(0, 0));
        }

        var baseOffset = segments[index];
        OpenSegment(baseOffset);
        Position = baseOffset;
        if (!await TryVerifyHeaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (offset == baseOffset)
            {
                return;
            }

            throw new LogOffsetOutOfRangeException(Partition, offset, new LogPartitionBounds(first, baseOffset));
        }

        var scan = await SegmentScanner.ScanAsync(_segment!, _filePosition, offset - baseOffset, cancellationToken).ConfigureAwait(false);
        if (scan.RecordCount < offset - baseOffset)
        {
            if (index < segments.Count - 1)
            {
                throw new LogCorruptedException(_segmentPath, scan.EndPosition, SegmentFormat.Describe(scan.Status)
                    + $" (the segment ends at offset {baseOffset + scan.RecordCount}, its successor starts at {segments[index + 1]})");
            }

            throw new LogOffsetOutOfRangeException(Partition, offset, new LogPartitionBounds(first, baseOffset + scan.RecordCount));
        }

        _filePosition = scan.EndPosition;
        Position = offset;
    }

    public void Dispose()
    {
        _disposed = true;
        CloseSegment();
    }

    /// <summary>
    /// A writer published the partition's first mark while this reader read without one: the batch may hold
    /// records the writer appended after the mark, not yet durable. Reads it again, from its first offset, under
    /// the mark.
    /// </summary>
    private async ValueTask<int> RereadUnderNewMarkAsync(LogRecordBatch batch, long start, CancellationToken cancellationToken)
    {
        batch.Clear();
        await SeekAsync(start, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(batch, cancellationToken).ConfigureAwait(false);
    }

    private void OpenSegment(long baseOffset)
    {
        _segmentPath = SegmentFiles.SegmentPath(partitionDirectory, baseOffset);
        _segmentBaseOffset = baseOffset;
        _segment = SegmentFiles.OpenForReading(_segmentPath);
        _headerVerified = false;
        _filePosition = SegmentFormat.HeaderLength;
        _recheckedPosition = -1;
    }

    private void CloseSegment()
    {
        _segment?.Dispose();
        _segment = null;
    }

    /// <summary>Returns false while the header is still being written (only possible in the last segment).</summary>
    private async ValueTask<bool> TryVerifyHeaderAsync(CancellationToken cancellationToken)
    {
        var header = new byte[SegmentFormat.HeaderLength];
        var read = await RandomAccess.ReadAsync(_segment!, header, 0, cancellationToken).ConfigureAwait(false);
        if (read < SegmentFormat.HeaderLength)
        {
            return false;
        }

        if (SegmentFormat.ValidateHeader(header, _segmentBaseOffset) is { } problem)
        {
            throw new LogCorruptedException(_segmentPath, 0, problem);
        }

        _headerVerified = true;
        return true;
    }

    /// <summary>
    /// Called when no valid frame follows <see cref="_filePosition"/>. Moves to the next segment when this one is
    /// fully read and sealed; returns false when there is nothing more to read yet.
    /// </summary>
    private bool TryMoveToNextSegment(FrameStatus status)
    {
        if (RandomAccess.GetLength(_segment!) == _filePosition)
        {
            // The common idle poll: one existence check, no directory listing.
            return TryOpenNextSegment();
        }

        // Bytes that are not a valid frame: an append in progress or a torn tail if this is the last segment.
        if (!SegmentFiles.ListSegments(partitionDirectory).Exists(baseOffset => baseOffset > _segmentBaseOffset))
        {
            return false;
        }

        if (_recheckedPosition != _filePosition)
        {
            // The frame may have been completed just before the writer rolled: read it once more, now that the
            // segment is known to be sealed, before calling it corrupt.
            _recheckedPosition = _filePosition;
            return true;
        }

        throw new LogCorruptedException(_segmentPath, _filePosition, SegmentFormat.Describe(status) + " in a sealed segment");
    }

    private bool TryOpenNextSegment()
    {
        if (!File.Exists(SegmentFiles.SegmentPath(partitionDirectory, Position)))
        {
            return false;
        }

        CloseSegment();
        OpenSegment(Position);
        return true;
    }

    private async ValueTask<long> CountEndAsync(List<long> segments, CancellationToken cancellationToken)
    {
        if (segments.Count == 0)
        {
            return 0;
        }

        var last = segments[^1];
        using var handle = SegmentFiles.OpenForReading(SegmentFiles.SegmentPath(partitionDirectory, last));
        var scan = await SegmentScanner.ScanAsync(handle, SegmentFormat.HeaderLength, long.MaxValue, cancellationToken).ConfigureAwait(false);
        return last + scan.RecordCount;
    }
}
