namespace Grainflow.Streaming.Checkpointing.Storage;

/// <summary>
/// A read-only pass-through that checks the bytes against a <see cref="StateHandle"/>: the read that would pass
/// the recorded length, or that reaches the end with a wrong length or checksum, throws
/// <see cref="CheckpointIntegrityException"/> instead of returning.
/// </summary>
internal sealed class VerifyingReadStream : Stream
{
    private readonly Stream _inner;
    private readonly StateHandle _handle;
    private readonly StateChecksum _checksum;
    private long _position;
    private bool _verified;

    public VerifyingReadStream(Stream inner, StateHandle handle)
    {
        _inner = inner;
        _handle = handle;
        _checksum = StateChecksum.ToVerify(handle.Checksum)
            ?? throw new ArgumentException($"Check the checksum with {nameof(StateChecksum.IsSupported)} first: '{handle.Checksum}'.", nameof(handle));
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => _handle.Length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = _inner.Read(buffer);
        Observe(buffer[..read], endOfStream: read == 0 && !buffer.IsEmpty);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Observe(buffer.Span[..read], endOfStream: read == 0 && !buffer.IsEmpty);
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
            _checksum.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await _inner.DisposeAsync().ConfigureAwait(false);
        _checksum.Dispose();
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private void Observe(ReadOnlySpan<byte> bytes, bool endOfStream)
    {
        if (_verified)
        {
            return;
        }

        _position += bytes.Length;
        if (_position > _handle.Length)
        {
            throw Damaged($"is longer than the recorded {_handle.Length} bytes");
        }

        if (endOfStream)
        {
            if (_position != _handle.Length)
            {
                throw Damaged($"has {_position} bytes, {_handle.Length} were recorded");
            }

            if (!_checksum.Matches(_handle.Checksum, out var actual))
            {
                throw Damaged($"has checksum {actual}, {_handle.Checksum} was recorded");
            }

            _verified = true;
            return;
        }

        _checksum.Append(bytes);
    }

    private CheckpointIntegrityException Damaged(string what) =>
        new($"The state file '{_handle.Path}' {what}.", _handle.Path);
}
