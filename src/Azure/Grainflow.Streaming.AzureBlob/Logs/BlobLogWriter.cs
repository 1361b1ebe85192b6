using System.Buffers;
using Azure;
using Azure.Storage.Blobs.Models;
using Grainflow.Streaming.Sources;

namespace Grainflow.Streaming.AzureBlob.Logs;

/// <summary>
/// The writer of one <see cref="BlobLog"/> partition. Appends are framed into a memory buffer; a flush sends them as
/// Append Blocks of whole frames, each guarded by the append position this writer expects, to the last segment,
/// sealing it and creating the next one when it is full. Not thread-safe: one caller at a time.
/// </summary>
internal sealed class BlobLogWriter : ILogWriter
{
    // The service's limit of committed blocks in one append blob.
    private const int MaxBlocksPerSegment = 50_000;

    private readonly BlobLogPartition _blobs;
    private readonly BlobLogOptions _options;
    private readonly Action _onDisposed;
    private readonly ArrayBufferWriter<byte> _pending = new();
    private readonly List<int> _pendingFrameLengths = [];
    private long? _segmentBase; // null: no segment to append to (an empty partition, or the last one is sealed)
    private long _segmentLength;
    private ETag _segmentETag;
    private int _segmentBlocks;
    private long _segmentRecords;
    private long _durableEnd;
    private bool _faulted;
    private bool _disposed;

    private BlobLogWriter(BlobLogPartition blobs, BlobLogOptions options, Action onDisposed)
    {
        _blobs = blobs;
        _options = options;
        _onDisposed = onDisposed;
    }

    public int Partition => _blobs.Partition;

    public long NextOffset => _durableEnd + _pendingFrameLengths.Count;

    /// <summary>Finds the partition's last segment and its end: the next offset, the append position and its ETag.</summary>
    public static async Task<BlobLogWriter> OpenAsync(BlobLogPartition blobs, BlobLogOptions options, Action onDisposed, CancellationToken cancellationToken)
    {
        var writer = new BlobLogWriter(blobs, options, onDisposed);
        var segments = await blobs.ListSegmentsAsync(cancellationToken).ConfigureAwait(false);
        if (segments.Count == 0)
        {
            return writer;
        }

        var last = segments[^1];
        var content = await blobs.DownloadAsync(last, cancellationToken).ConfigureAwait(false);
        var records = BlobLogFormat.CountFrames(content.Content.ToMemory().Span, blobs.SegmentName(last));
        writer._durableEnd = last + records;
        if (!content.Details.IsSealed)
        {
            // A sealed last segment means a roll stopped between the seal and the next segment's creation.
            writer._segmentBase = last;
            writer._segmentLength = content.Details.ContentLength;
            writer._segmentETag = content.Details.ETag;
            writer._segmentBlocks = content.Details.BlobCommittedBlockCount;
            writer._segmentRecords = records;
        }

        return writer;
    }

    public async ValueTask<long> AppendAsync(ReadOnlyMemory<byte> record, CancellationToken cancellationToken = default)
    {
        ThrowIfUnusable();
        ValidateRecord(record);
        var offset = NextOffset;
        await AppendCoreAsync(record, cancellationToken).ConfigureAwait(false);
        return offset;
    }

    public async ValueTask<long> AppendAsync(IReadOnlyList<ReadOnlyMemory<byte>> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        ThrowIfUnusable();
        for (var i = 0; i < records.Count; i++)
        {
            ValidateRecord(records[i]);
        }

        var first = NextOffset;
        for (var i = 0; i < records.Count; i++)
        {
            await AppendCoreAsync(records[i], cancellationToken).ConfigureAwait(false);
        }

        return first;
    }

    public async ValueTask FlushAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfUnusable();
        try
        {
            await SendPendingAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _faulted = true;
            throw;
        }
    }

    public async ValueTask<long> DeleteBeforeAsync(long offset, CancellationToken cancellationToken = default)
    {
        ThrowIfUnusable();
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset, NextOffset);
        var segments = await _blobs.ListSegmentsAsync(cancellationToken).ConfigureAwait(false);
        if (segments.Count == 0)
        {
            return 0;
        }

        // A segment goes only when its successor starts at or before the offset, so the last segment always stays.
        var deleted = 0;
        while (deleted + 1 < segments.Count && segments[deleted + 1] <= offset)
        {
            await _blobs.Segment(segments[deleted]).DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            deleted++;
        }

        return segments[deleted];
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            if (!_faulted)
            {
                await SendPendingAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            _onDisposed();
        }
    }

    private async ValueTask AppendCoreAsync(ReadOnlyMemory<byte> record, CancellationToken cancellationToken)
    {
        var frameLength = BlobLogFormat.FrameHeaderLength + record.Length;
        BlobLogFormat.WriteFrame(_pending.GetSpan(frameLength), record.Span);
        _pending.Advance(frameLength);
        _pendingFrameLengths.Add(frameLength);
        if (_pending.WrittenCount >= BlobLogOptions.MaxBlockBytes)
        {
            // A full block's worth: send it now rather than hold unbounded memory (durable, and visible, early).
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SendPendingAsync(CancellationToken cancellationToken)
    {
        var sentFrames = 0;
        var sentBytes = 0;
        try
        {
            while (sentFrames < _pendingFrameLengths.Count)
            {
                if (_segmentBase is null)
                {
                    await CreateSegmentAsync(_durableEnd, cancellationToken).ConfigureAwait(false);
                }

                var (frames, bytes) = NextBlock(sentFrames);
                if (frames == 0)
                {
                    await SealSegmentAsync(cancellationToken).ConfigureAwait(false);
                    continue;
                }

                await AppendBlockAsync(_pending.WrittenMemory.Slice(sentBytes, bytes), cancellationToken).ConfigureAwait(false);
                _segmentRecords += frames;
                _durableEnd += frames;
                sentFrames += frames;
                sentBytes += bytes;
            }
        }
        finally
        {
            // What was sent is durable and counted in _durableEnd; keep only the rest pending.
            var rest = _pending.WrittenMemory[sentBytes..].ToArray();
            _pending.Clear();
            rest.CopyTo(_pending.GetSpan(rest.Length));
            _pending.Advance(rest.Length);
            _pendingFrameLengths.RemoveRange(0, sentFrames);
        }
    }

    /// <summary>The frames from <paramref name="first"/> that the next block of the current segment takes; none when it is full.</summary>
    private (int Frames, int Bytes) NextBlock(int first)
    {
        if (_segmentBlocks >= MaxBlocksPerSegment)
        {
            return (0, 0);
        }

        var frames = 0;
        var bytes = 0;
        for (var i = first; i < _pendingFrameLengths.Count; i++)
        {
            var length = _pendingFrameLengths[i];
            var segmentFull = _segmentRecords + frames > 0 && _segmentLength + bytes + length > _options.SegmentSize;
            if (bytes + length > BlobLogOptions.MaxBlockBytes || segmentFull)
            {
                break;
            }

            frames++;
            bytes += length;
        }

        return (frames, bytes);
    }

    private async Task AppendBlockAsync(ReadOnlyMemory<byte> block, CancellationToken cancellationToken)
    {
        using var content = new MemoryStream(block.ToArray(), writable: false);
        var options = new AppendBlobAppendBlockOptions { Conditions = new AppendBlobRequestConditions { IfAppendPositionEqual = _segmentLength } };
        try
        {
            var info = (await _blobs.Segment(_segmentBase!.Value).AppendBlockAsync(content, options, cancellationToken).ConfigureAwait(false)).Value;
            _segmentLength += block.Length;
            _segmentETag = info.ETag;
            _segmentBlocks = info.BlobCommittedBlockCount;
        }
        catch (RequestFailedException failure) when (failure.Status is 404 or 409 or 412)
        {
            throw Fenced($"its append at byte {_segmentLength} of segment {_segmentBase} was refused", failure);
        }
    }

    /// <summary>Seals the full segment, unless another writer appended to it since this one did; the next one is created on demand.</summary>
    private async Task SealSegmentAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _blobs.Segment(_segmentBase!.Value).SealAsync(
                new AppendBlobRequestConditions { IfMatch = _segmentETag }, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException failure) when (failure.Status is 404 or 409 or 412)
        {
            throw Fenced($"sealing segment {_segmentBase} was refused", failure);
        }

        _segmentBase = null;
    }

    private async Task CreateSegmentAsync(long baseOffset, CancellationToken cancellationToken)
    {
        try
        {
            var info = (await _blobs.Segment(baseOffset).CreateAsync(
                new AppendBlobCreateOptions { Conditions = new AppendBlobRequestConditions { IfNoneMatch = ETag.All } },
                cancellationToken).ConfigureAwait(false)).Value;
            _segmentETag = info.ETag;
        }
        catch (RequestFailedException failure) when (failure.Status is 409 or 412)
        {
            throw Fenced($"segment {baseOffset} already exists", failure);
        }

        _segmentBase = baseOffset;
        _segmentLength = 0;
        _segmentBlocks = 0;
        _segmentRecords = 0;
    }

    private BlobLogFencedException Fenced(string what, RequestFailedException failure) =>
        new($"Another writer has written partition {Partition} of the blob log ({what}: {BlobCheckpointErrors.Describe(failure)}); "
            + "this writer is closed: open a new writer, which continues after the other's records.", failure);

    private void ThrowIfUnusable()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_faulted)
        {
            throw new InvalidOperationException(
                $"The writer of partition {Partition} failed earlier; open a new writer to recover the partition.");
        }
    }

    private static void ValidateRecord(ReadOnlyMemory<byte> record)
    {
        if (record.Length > BlobLogOptions.MaxRecordLength)
        {
            throw new ArgumentException(
                $"A record of {record.Length} bytes exceeds the limit of {BlobLogOptions.MaxRecordLength} bytes.", nameof(record));
        }
    }
}
