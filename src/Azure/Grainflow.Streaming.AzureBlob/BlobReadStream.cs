namespace Grainflow.Streaming.AzureBlob;

/// <summary>
/// A blob's body as the SDK downloads it (resuming after a dropped connection with <c>If-Match</c> on the ETag it
/// started with); its failures classified by <see cref="BlobCheckpointErrors"/>. Disposing it releases the connection.
/// </summary>
internal sealed class BlobReadStream(Stream content, long length, string path, string blobName) : Stream
{
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        try
        {
            var read = content.Read(buffer);
            _position += read;
            return read;
        }
        catch (Exception e) when (BlobCheckpointErrors.AsRequestFailure(e, CancellationToken.None) is { } failure)
        {
            throw BlobCheckpointErrors.ReadFailed(path, blobName, failure);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            var read = await content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            _position += read;
            return read;
        }
        catch (Exception e) when (BlobCheckpointErrors.AsRequestFailure(e, cancellationToken) is { } failure)
        {
            throw BlobCheckpointErrors.ReadFailed(path, blobName, failure);
        }
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
            content.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await content.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }
}
