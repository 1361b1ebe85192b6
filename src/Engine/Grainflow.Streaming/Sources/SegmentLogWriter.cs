using Microsoft.Win32.SafeHandles;

namespace Grainflow.Streaming.Sources;

/// <summary>
/// The writer of one <see cref="SegmentLog"/> partition. Holds the partition's lock file for its lifetime, buffers
/// frames and writes them with positional writes; the last segment is the only file it ever changes.
/// </summary>
/// <remarks>
/// After every fsync (flush, roll, dispose, recovery) it publishes the partition's durable end in the
/// <see cref="DurableMarkFile"/>; readers stop there, so bytes written but not yet fsynced are never handed out.
/// </remarks>
internal sealed partial class SegmentLogWriter : ILogWriter
{
    private readonly string _partitionDirectory;
    private readonly SegmentLogOptions _options;
    private readonly SafeFileHandle _lock;
    private readonly Action _onDisposed;
    private readonly byte[] _buffer;
    private readonly byte[] _frameHeader = new byte[SegmentFormat.FrameHeaderLength];
    private SafeFileHandle _segment;
    private long _segmentRecordCount;
    private long? _durableEnd; // the published mark; null when the partition has none (yet)
    private long _writtenLength; // bytes of the segment already handed to the file system
    private int _buffered;
    private bool _faulted;
    private bool _disposed;

    private SegmentLogWriter(
        string partitionDirectory, int partition, SegmentLogOptions options, SafeFileHandle writerLock, Action onDisposed,
        SafeFileHandle segment, long nextOffset, long segmentRecordCount, long segmentLength, long? durableEnd)
    {
        _partitionDirectory = partitionDirectory;
        Partition = partition;
        _options = options;
        _lock = writerLock;
        _onDisposed = onDisposed;
        _buffer = new byte[options.WriteBufferSize];
        _segment = segment;
        NextOffset = nextOffset;
        _segmentRecordCount = segmentRecordCount;
        _writtenLength = segmentLength;
        _durableEnd = durableEnd;
    }

    public int Partition { get; }

    public long NextOffset { get; private set; }

    private long SegmentLength => _writtenLength + _buffered;

    public async ValueTask<long> AppendAsync(ReadOnlyMemory<byte> record, CancellationToken cancellationToken = default)
    {
        ThrowIfUnusable();
        ValidateRecord(record);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return await AppendCoreAsync(record, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _faulted = true;
            throw;
        }
    }

    public async ValueTask<long> AppendAsync(IReadOnlyList<ReadOnlyMemory<byte>> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        ThrowIfUnusable();
        for (var i = 0; i < records.Count; i++)
        {
            ValidateRecord(records[i]);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var first = NextOffset;
        try
        {
            for (var i = 0; i < records.Count; i++)
            {
                await AppendCoreAsync(records[i], cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            _faulted = true;
            throw;
        }

        return first;
    }

    public async ValueTask FlushAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfUnusable();
        try
        {
            await WriteBufferAsync(cancellationToken).ConfigureAwait(false);
            RandomAccess.FlushToDisk(_segment);
            PublishDurableEnd();
        }
        catch
        {
            _faulted = true;
            throw;
        }
    }

    public ValueTask<long> DeleteBeforeAsync(long offset, CancellationToken cancellationToken = default)
    {
        ThrowIfUnusable();
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset, NextOffset);
        var segments = SegmentFiles.ListSegments(_partitionDirectory);

        // A segment goes only when its successor starts at or before the offset, so the last segment always stays.
        var deleted = 0;
        while (deleted + 1 < segments.Count && segments[deleted + 1] <= offset)
        {
            File.Delete(SegmentFiles.SegmentPath(_partitionDirectory, segments[deleted]));
            deleted++;
        }

        return ValueTask.FromResult(segments[deleted]);
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
                await WriteBufferAsync(CancellationToken.None).ConfigureAwait(false);
                RandomAccess.FlushToDisk(_segment);
                PublishDurableEnd();
            }
        }
        finally
        {
            _segment.Dispose();
            _lock.Dispose();
            _onDisposed();
        }
    }

    private async ValueTask<long> AppendCoreAsync(ReadOnlyMemory<byte> record, CancellationToken cancellationToken)
    {
        var frameLength = SegmentFormat.FrameHeaderLength + record.Length;
        if (_segmentRecordCount > 0 && SegmentLength + frameLength > _options.SegmentSize)
        {
            await RollAsync(cancellationToken).ConfigureAwait(false);
        }

        if (frameLength > _buffer.Length - _buffered)
        {
            await WriteBufferAsync(cancellationToken).ConfigureAwait(false);
        }

        if (frameLength <= _buffer.Length)
        {
            var frame = _buffer.AsSpan(_buffered, frameLength);
            SegmentFormat.WriteFrameHeader(frame, record.Span);
            record.Span.CopyTo(frame[SegmentFormat.FrameHeaderLength..]);
            _buffered += frameLength;
        }
        else
        {
            SegmentFormat.WriteFrameHeader(_frameHeader, record.Span);
            ReadOnlyMemory<byte>[] parts = [_frameHeader, record];
            await RandomAccess.WriteAsync(_segment, parts, _writtenLength, cancellationToken).ConfigureAwait(false);
            _writtenLength += frameLength;
        }

        _segmentRecordCount++;
        return NextOffset++;
    }

    private async ValueTask RollAsync(CancellationToken cancellationToken)
    {
        // The sealed segment must be durable before its successor exists: after a crash only the last segment
        // may have a torn tail, and readers treat damage in any other segment as corruption.
        await WriteBufferAsync(cancellationToken).ConfigureAwait(false);
        RandomAccess.FlushToDisk(_segment);
        _segment.Dispose();
        _segment = CreateSegment(_partitionDirectory, NextOffset);
        _segmentRecordCount = 0;
        _writtenLength = SegmentFormat.HeaderLength;

        // After the new segment exists: the mark's directory fsync then makes its entry durable too.
        PublishDurableEnd();
    }

    /// <summary>Publishes <see cref="NextOffset"/> as durable; call only when every record below it is fsynced.</summary>
    private void PublishDurableEnd()
    {
        if (_durableEnd != NextOffset)
        {
            DurableMarkFile.Write(_partitionDirectory, NextOffset);
            _durableEnd = NextOffset;
        }
    }

    private async ValueTask WriteBufferAsync(CancellationToken cancellationToken)
    {
        if (_buffered == 0)
        {
            return;
        }

        await RandomAccess.WriteAsync(_segment, _buffer.AsMemory(0, _buffered), _writtenLength, cancellationToken)
            .ConfigureAwait(false);
        _writtenLength += _buffered;
        _buffered = 0;
    }

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
        if (record.Length > SegmentFormat.MaxRecordLength)
        {
            throw new ArgumentException(
                $"A record of {record.Length} bytes exceeds the limit of {SegmentFormat.MaxRecordLength} bytes.", nameof(record));
        }
    }

    private static SafeFileHandle AcquireLock(string partitionDirectory, int partition)
    {
        var path = SegmentFiles.WriterLockPath(partitionDirectory);
        try
        {
            // FileShare.None takes an exclusive lock (flock on Unix) that the OS releases if the process dies.
            return File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new IOException(
                $"Partition {partition} of the segment log in '{Path.GetDirectoryName(partitionDirectory)}' is already "
                + $"open for writing by another writer (lock file '{path}').", ex);
        }
    }

    private static SafeFileHandle CreateSegment(string partitionDirectory, long baseOffset)
    {
        var path = SegmentFiles.SegmentPath(partitionDirectory, baseOffset);
        var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, FileOptions.Asynchronous);
        try
        {
            WriteHeader(handle, baseOffset);
            return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private static void WriteHeader(SafeFileHandle handle, long baseOffset)
    {
        Span<byte> header = stackalloc byte[SegmentFormat.HeaderLength];
        SegmentFormat.WriteHeader(header, baseOffset);
        RandomAccess.Write(handle, header, 0);
        RandomAccess.SetLength(handle, SegmentFormat.HeaderLength);
        RandomAccess.FlushToDisk(handle);
    }
}
