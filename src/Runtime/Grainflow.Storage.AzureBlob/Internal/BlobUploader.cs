using System.Buffers;
using System.Security;
using System.Text;
using Grainflow.Storage.AzureBlob.Models;

namespace Grainflow.Storage.AzureBlob.Internal;

/// <summary>
/// Uploads block blob content: one Put Blob up to the threshold, else Put Block for each block (bounded parallelism)
/// then one Put Block List. Every request body is a buffered chunk, so a retry resends exactly the same bytes.
/// </summary>
internal sealed class BlobUploader
{
    // The service's limit on committed blocks per blob.
    internal const int MaxBlockCount = 50_000;

    private static readonly BlobTransferOptions s_defaultTransfer = new();

    private readonly BlobPipeline _pipeline;
    private readonly Uri _blobUri;

    public BlobUploader(BlobPipeline pipeline, Uri blobUri)
    {
        _pipeline = pipeline;
        _blobUri = blobUri;
    }

    public async Task<BlobContentInfo> UploadAsync(ReadOnlyMemory<byte> content, BlobUploadOptions? options, CancellationToken cancellationToken)
    {
        var transfer = TransferOf(options);
        return content.Length <= transfer.SingleUploadThreshold
            ? await PutBlobAsync(content, options, cancellationToken).ConfigureAwait(false)
            : await UploadBlocksAsync(content, rest: null, transfer, options, cancellationToken).ConfigureAwait(false);
    }

    public async Task<BlobContentInfo> UploadAsync(Stream content, BlobUploadOptions? options, CancellationToken cancellationToken)
    {
        var transfer = TransferOf(options);
        var bufferLimit = Math.Min(transfer.SingleUploadThreshold, Array.MaxLength - 1);
        if (content.CanSeek && content.Length - content.Position > bufferLimit)
        {
            return await UploadBlocksAsync(ReadOnlyMemory<byte>.Empty, content, transfer, options, cancellationToken).ConfigureAwait(false);
        }

        // One byte past the limit tells "fits in one Put Blob" from "needs blocks" without knowing the length.
        var head = content.CanSeek
            ? await ReadExactlyAsync(content, (int)(content.Length - content.Position), cancellationToken).ConfigureAwait(false)
            : await ReadGrowingAsync(content, bufferLimit + 1, cancellationToken).ConfigureAwait(false);
        return head.Length <= bufferLimit
            ? await PutBlobAsync(head, options, cancellationToken).ConfigureAwait(false)
            : await UploadBlocksAsync(head, content, transfer, options, cancellationToken).ConfigureAwait(false);
    }

    private static BlobTransferOptions TransferOf(BlobUploadOptions? options)
    {
        var transfer = options?.TransferOptions ?? s_defaultTransfer;
        transfer.Validate();
        return transfer;
    }

    private async Task<BlobContentInfo> PutBlobAsync(ReadOnlyMemory<byte> content, BlobUploadOptions? options, CancellationToken cancellationToken)
    {
        var request = new BlobRequest("PutBlob", HttpMethod.Put, _blobUri) { Body = content };
        request.Headers["x-ms-blob-type"] = "BlockBlob";
        ApplyBlobHeaders(request, options);
        using var response = await _pipeline.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return BlobResponseReader.ContentInfo(response);
    }

    private async Task<BlobContentInfo> UploadBlocksAsync(
        ReadOnlyMemory<byte> head, Stream? rest, BlobTransferOptions transfer, BlobUploadOptions? options, CancellationToken cancellationToken)
    {
        var ids = new BlockIds();
        var blockCount = 0;
        var leaseId = options?.Conditions?.LeaseId;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = transfer.MaxConcurrency, CancellationToken = cancellationToken };

        async IAsyncEnumerable<(int Index, ReadOnlyMemory<byte> Data, byte[]? Rented)> ChunksAsync()
        {
            for (var offset = 0; offset < head.Length; offset += transfer.BlockSize)
            {
                yield return (NextIndex(), head.Slice(offset, Math.Min(transfer.BlockSize, head.Length - offset)), null);
            }

            while (rest is not null)
            {
                var rented = ArrayPool<byte>.Shared.Rent(transfer.BlockSize);
                var read = await ReadUpToAsync(rest, rented.AsMemory(0, transfer.BlockSize), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    ArrayPool<byte>.Shared.Return(rented);
                    yield break;
                }

                yield return (NextIndex(), rented.AsMemory(0, read), rented);
                if (read < transfer.BlockSize)
                {
                    yield break;
                }
            }
        }

        int NextIndex()
        {
            if (blockCount == MaxBlockCount)
            {
                throw new InvalidOperationException($"The content needs more than {MaxBlockCount} blocks of {transfer.BlockSize} bytes; use a larger BlockSize.");
            }

            return blockCount++;
        }

        await Parallel.ForEachAsync(ChunksAsync(), parallel, async (chunk, token) =>
        {
            try
            {
                await PutBlockAsync(ids.For(chunk.Index), chunk.Data, leaseId, token).ConfigureAwait(false);
            }
            finally
            {
                if (chunk.Rented is not null)
                {
                    ArrayPool<byte>.Shared.Return(chunk.Rented);
                }
            }
        }).ConfigureAwait(false);

        return await PutBlockListAsync(Enumerable.Range(0, blockCount).Select(ids.For), options, cancellationToken).ConfigureAwait(false);
    }

    private async Task PutBlockAsync(string blockId, ReadOnlyMemory<byte> data, string? leaseId, CancellationToken cancellationToken)
    {
        var uri = BlobUris.WithQuery(_blobUri, "comp=block&blockid=" + Uri.EscapeDataString(blockId));
        var request = new BlobRequest("PutBlock", HttpMethod.Put, uri) { Body = data };
        if (leaseId is not null)
        {
            request.Headers["x-ms-lease-id"] = leaseId;
        }

        using var response = await _pipeline.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private async Task<BlobContentInfo> PutBlockListAsync(IEnumerable<string> blockIds, BlobUploadOptions? options, CancellationToken cancellationToken)
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><BlockList>");
        foreach (var id in blockIds)
        {
            xml.Append("<Latest>").Append(SecurityElement.Escape(id)).Append("</Latest>");
        }

        xml.Append("</BlockList>");
        var request = new BlobRequest("PutBlockList", HttpMethod.Put, BlobUris.WithQuery(_blobUri, "comp=blocklist"))
        {
            Body = Encoding.UTF8.GetBytes(xml.ToString()),
            BodyContentType = "application/xml; charset=utf-8",
        };
        ApplyBlobHeaders(request, options);
        using var response = await _pipeline.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return BlobResponseReader.ContentInfo(response);
    }

    private static void ApplyBlobHeaders(BlobRequest request, BlobUploadOptions? options)
    {
        if (options?.ContentType is { } contentType)
        {
            request.Headers["x-ms-blob-content-type"] = contentType;
        }

        foreach (var (name, value) in options?.Metadata ?? new Dictionary<string, string>())
        {
            request.Headers["x-ms-meta-" + name] = value;
        }

        ConditionHeaders.Apply(request, options?.Conditions);
    }

    private static async Task<ReadOnlyMemory<byte>> ReadExactlyAsync(Stream stream, int length, CancellationToken cancellationToken)
    {
        var buffer = new byte[length];
        var read = await ReadUpToAsync(stream, buffer, cancellationToken).ConfigureAwait(false);
        return buffer.AsMemory(0, read);
    }

    /// <summary>Reads at most <paramref name="limit"/> bytes of a stream of unknown length without allocating the limit up front.</summary>
    private static async Task<ReadOnlyMemory<byte>> ReadGrowingAsync(Stream stream, long limit, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(81_920);
        try
        {
            while (buffer.Length < limit)
            {
                var wanted = (int)Math.Min(chunk.Length, limit - buffer.Length);
                var read = await stream.ReadAsync(chunk.AsMemory(0, wanted), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    private static async Task<int> ReadUpToAsync(Stream stream, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer[total..], cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }
}
