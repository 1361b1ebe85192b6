namespace Grainflow.Storage.AzureBlob.Models;

/// <summary>
/// A download whose body is read from the network as the caller reads <see cref="Content"/>.
/// The caller owns it and must dispose it to release the connection. Not thread-safe.
/// </summary>
public sealed class BlobDownloadStreamingResult : IDisposable, IAsyncDisposable
{
    private readonly HttpResponseMessage _response;

    internal BlobDownloadStreamingResult(HttpResponseMessage response, Stream content, BlobProperties details)
    {
        _response = response;
        Content = content;
        Details = details;
    }

    /// <summary>The body: the whole blob, or the requested range.</summary>
    public Stream Content { get; }

    /// <summary>The blob's properties; <see cref="BlobProperties.ContentLength"/> is the whole blob's size.</summary>
    public BlobProperties Details { get; }

    /// <summary>Bytes in <see cref="Content"/> (the range's length for a ranged read).</summary>
    public long ContentLength => _response.Content.Headers.ContentLength ?? Details.ContentLength;

    public void Dispose()
    {
        Content.Dispose();
        _response.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await Content.DisposeAsync().ConfigureAwait(false);
        _response.Dispose();
    }
}
