using System.Diagnostics;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Sas;

namespace Grainflow.Benchmarks.Checkpointing;

/// <summary>
/// The baseline: one plain HTTP request per transfer, authorized by a container SAS (made with the SDK), with no
/// client library in between: a single Put Blob of the whole body, and a single Get Blob read to its end.
/// </summary>
internal sealed class RawBlobTransfer(Uri containerUri, string sas) : IDisposable
{
    // The version the storage's clients speak, so both sides of the ratio ask Azurite for the same thing.
    private const string ServiceVersion = "2026-06-06";

    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = Timeout.InfiniteTimeSpan };

    public static RawBlobTransfer ForContainer(BlobContainerClient container, StorageSharedKeyCredential credential)
    {
        var sas = new BlobSasBuilder(BlobContainerSasPermissions.Read | BlobContainerSasPermissions.Create | BlobContainerSasPermissions.Write, DateTimeOffset.UtcNow.AddHours(2))
        {
            BlobContainerName = container.Name,
            Resource = "c",
        };
        return new(container.Uri, sas.ToSasQueryParameters(credential).ToString());
    }

    public async Task<TimeSpan> PutAsync(string blobName, ReadOnlyMemory<byte> pattern, long length)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, BlobUri(blobName)) { Content = new RepeatedBufferContent(pattern, length) };
        request.Headers.TryAddWithoutValidation("x-ms-blob-type", "BlockBlob");
        request.Headers.TryAddWithoutValidation("x-ms-version", ServiceVersion);
        var started = Stopwatch.GetTimestamp();
        using var response = await _http.SendAsync(request).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return Stopwatch.GetElapsedTime(started);
    }

    public async Task<TimeSpan> GetAsync(string blobName, long expectedLength)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, BlobUri(blobName));
        request.Headers.TryAddWithoutValidation("x-ms-version", ServiceVersion);
        var started = Stopwatch.GetTimestamp();
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        var read = await SnapshotTransfer.DrainAsync(body).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        return read == expectedLength ? elapsed : throw new InvalidOperationException($"Read {read} bytes of {blobName}, expected {expectedLength}.");
    }

    public void Dispose() => _http.Dispose();

    private Uri BlobUri(string blobName) => new($"{containerUri}/{blobName}?{sas}");
}
