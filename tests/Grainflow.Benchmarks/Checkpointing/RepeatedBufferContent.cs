using System.Net;

namespace Grainflow.Benchmarks.Checkpointing;

/// <summary>A request body of <c>length</c> bytes made of one buffer written again and again: no copy of the whole body in memory.</summary>
internal sealed class RepeatedBufferContent(ReadOnlyMemory<byte> buffer, long length) : HttpContent
{
    public static async ValueTask WriteAsync(Stream destination, ReadOnlyMemory<byte> buffer, long length, CancellationToken cancellationToken)
    {
        for (var written = 0L; written < length;)
        {
            var chunk = buffer[..(int)Math.Min(buffer.Length, length - written)];
            await destination.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
            written += chunk.Length;
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        WriteAsync(stream, buffer, length, CancellationToken.None).AsTask();

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        WriteAsync(stream, buffer, length, cancellationToken).AsTask();

    protected override bool TryComputeLength(out long length1)
    {
        length1 = length;
        return true;
    }
}
