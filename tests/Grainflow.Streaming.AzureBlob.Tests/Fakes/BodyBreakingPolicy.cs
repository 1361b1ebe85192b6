using Azure.Core;
using Azure.Core.Pipeline;

namespace Grainflow.Streaming.AzureBlob.Tests.Fakes;

/// <summary>
/// Cuts the body of the first download (GET of a blob) after <paramref name="bytes"/> bytes with an
/// <see cref="IOException"/>, as a connection dropped mid-body would, so the SDK resumes the download with a ranged,
/// ETag-conditioned request. Every later request passes untouched.
/// </summary>
internal sealed class BodyBreakingPolicy(int bytes) : HttpPipelinePolicy
{
    private int _broken;

    /// <summary>Downloads seen (the first, and each resumption).</summary>
    public int Downloads { get; private set; }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline);
        Break(message);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ProcessNext(message, pipeline);
        Break(message);
    }

    private void Break(HttpMessage message)
    {
        if (message.Request.Method != RequestMethod.Get || message.Request.Uri.Query.Contains("comp=", StringComparison.Ordinal))
        {
            return;
        }

        Downloads++;
        if (message.Response.Status is 200 or 206 && Interlocked.Exchange(ref _broken, 1) == 0)
        {
            message.Response.ContentStream = new BreakingStream(message.Response.ContentStream!, bytes);
        }
    }

    private sealed class BreakingStream(Stream inner, int limit) : Stream
    {
        private int _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _read;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var allowed = Allowed(buffer.Length);
            var read = inner.Read(buffer[..allowed]);
            _read += read;
            return read;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var allowed = Allowed(buffer.Length);
            var read = await inner.ReadAsync(buffer[..allowed], cancellationToken);
            _read += read;
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

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
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private int Allowed(int requested) => _read < limit
            ? Math.Min(requested, limit - _read)
            : throw new IOException("Injected fault: the connection dropped mid-body.");
    }
}
