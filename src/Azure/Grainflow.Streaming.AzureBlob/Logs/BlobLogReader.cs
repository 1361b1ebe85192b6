using Grainflow.Streaming.Sources;

namespace Grainflow.Streaming.AzureBlob.Logs;

/// <summary>
/// A reader of one <see cref="BlobLog"/> partition: downloads the bytes its segment gained since the last read (one
/// ranged GET) and follows the writer to the next segment, which starts at the offset after the last record of this
/// one. Never writes, so it may run anywhere. Not thread-safe.
/// </summary>
/// <remarks>
/// Only whole frames are handed out; a frame cut by the end of a download is downloaded again with the next read.
/// A segment that ends in a partial frame is damage (appends are whole frames), found out once the next segment exists.
/// </remarks>
internal sealed class BlobLogReader(BlobLogPartition blobs) : ILogReader
{
    private const int MinimumDownload = 64 * 1024;

    private byte[] _buffer = new byte[MinimumDownload];
    private long? _segmentBase; // null: waiting for the segment that starts at Position
    private long _bytePosition;
    private bool _disposed;

    public int Partition => blobs.Partition;

    public long Position { get; private set; }

    public async ValueTask<int> ReadAsync(LogRecordBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ObjectDisposedException.ThrowIf(_disposed, this);
        batch.Clear();
        while (true)
        {
            if (_segmentBase is null)
            {
                if (!await blobs.SegmentExistsAsync(Position, cancellationToken).ConfigureAwait(false))
                {
                    return 0;
                }

                (_segmentBase, _bytePosition) = (Position, 0);
            }

            var want = Math.Max(Math.Max(MinimumDownload, batch.BufferCapacity), _buffer.Length);
            if (_buffer.Length < want)
            {
                _buffer = new byte[want];
            }

            var downloaded = await blobs.ReadRangeAsync(_segmentBase.Value, _bytePosition, _buffer.AsMemory(0, want), cancellationToken).ConfigureAwait(false);
            var (added, consumed, cutLength) = AddFrames(_buffer.AsSpan(0, downloaded), batch);
            _bytePosition += consumed;
            if (added > 0)
            {
                return added;
            }

            if (cutLength > want && downloaded == want)
            {
                // One frame larger than a download: grow to it and read again.
                _buffer = new byte[cutLength];
                continue;
            }

            if (!await MoveToNextSegmentAsync(downloaded, cancellationToken).ConfigureAwait(false))
            {
                return 0;
            }
        }
    }

    public async ValueTask SeekAsync(long offset, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var segments = await blobs.ListSegmentsAsync(cancellationToken).ConfigureAwait(false);
        var first = segments.Count == 0 ? 0 : segments[0];
        if (offset < first)
        {
            throw new LogOffsetOutOfRangeException(Partition, offset, await blobs.GetBoundsAsync(segments, cancellationToken).ConfigureAwait(false));
        }

        var index = segments.FindLastIndex(baseOffset => baseOffset <= offset);
        if (index < 0)
        {
            // An empty partition: offset 0 waits for the writer's first segment.
            if (offset == 0)
            {
                (Position, _segmentBase, _bytePosition) = (0, null, 0);
                return;
            }

            throw new LogOffsetOutOfRangeException(Partition, offset, new LogPartitionBounds(0, 0));
        }

        var baseOffset = segments[index];
        var content = await blobs.DownloadAsync(baseOffset, cancellationToken).ConfigureAwait(false);
        var (count, position) = BlobLogFormat.Walk(content.Content.ToMemory().Span, blobs.SegmentName(baseOffset), offset - baseOffset);
        if (count < offset - baseOffset)
        {
            if (index < segments.Count - 1)
            {
                throw new LogCorruptedException(blobs.SegmentName(baseOffset), position,
                    $"the segment ends at offset {baseOffset + count}, its successor starts at {segments[index + 1]}");
            }

            throw new LogOffsetOutOfRangeException(Partition, offset, new LogPartitionBounds(first, baseOffset + count));
        }

        (Position, _segmentBase, _bytePosition) = (offset, baseOffset, position);
    }

    public void Dispose() => _disposed = true;

    /// <summary>Adds the whole frames at the start of <paramref name="data"/> while the batch takes them.</summary>
    /// <returns>Records added, bytes they took, and the length of a frame cut short by the end of the data (0 if none).</returns>
    private (int Added, int Consumed, int CutLength) AddFrames(ReadOnlySpan<byte> data, LogRecordBatch batch)
    {
        var consumed = 0;
        var added = 0;
        while (consumed < data.Length)
        {
            var frame = data[consumed..];
            if (BlobLogFormat.ParseFrame(frame, out var length, out var complete) is { } problem)
            {
                throw new LogCorruptedException(blobs.SegmentName(_segmentBase!.Value), _bytePosition + consumed, problem);
            }

            if (!complete)
            {
                return (added, consumed, length < 0 ? BlobLogFormat.FrameHeaderLength : BlobLogFormat.FrameHeaderLength + length);
            }

            if (!batch.TryAdd(Position, frame.Slice(BlobLogFormat.FrameHeaderLength, length)))
            {
                break;
            }

            consumed += BlobLogFormat.FrameHeaderLength + length;
            added++;
            Position++;
        }

        return (added, consumed, 0);
    }

    /// <summary>
    /// Called when the current segment yielded no record: moves to the next one if it exists. Bytes left that are not a
    /// whole frame are damage once a successor exists, since appends are whole frames.
    /// </summary>
    private async Task<bool> MoveToNextSegmentAsync(int bytesLeft, CancellationToken cancellationToken)
    {
        // A segment with no record yet has no successor: the next one would start at its own first offset.
        if (Position == _segmentBase || !await blobs.SegmentExistsAsync(Position, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        if (bytesLeft > 0)
        {
            throw new LogCorruptedException(blobs.SegmentName(_segmentBase!.Value), _bytePosition, "the segment ends in a partial record frame");
        }

        (_segmentBase, _bytePosition) = (Position, 0);
        return true;
    }
}
