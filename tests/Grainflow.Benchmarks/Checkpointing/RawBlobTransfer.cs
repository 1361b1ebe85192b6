using System.Diagnostics;
using Grainflow.Storage.AzureBlob;
using Grainflow.Storage.AzureBlob.Sas;

namespace Grainflow.Benchmarks.Checkpointing;

/// <summary>
/// The baseline: one plain HTTP request per transfer, authorized by a container SAS, with no client library in
/// between: a single Put Blob of the whole body, and a single Get Blob read to its end.
/// </summary>
internal sealed class RawBlobTransfer(Uri containerUri, string sas) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = Timeout.InfiniteTimeSpan };

    public static RawBlobTransfer ForContainer(Uri containerUri, string containerName, StorageSharedKeyCredential credential) =>
        new(containerUri, new BlobSasBuilder
        {
            ContainerName = containerName,
            Permissions = SasPermissions.Read | SasPermissions.Create | SasPermissions.Write,
            ExpiresOn = DateTimeOffset.UtcNow.AddHours(2),
        }.ToSasQuery(credential));

    public async Task<TimeSpan> PutAsync(string blobName, ReadOnlyMemory<byte> pattern, long length)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, BlobUri(blobName)) { Content = new RepeatedBufferContent(pattern, length) };
        request.Headers.TryAddWithoutValidation("x-ms-blob-type", "BlockBlob");
        request.Headers.TryAddWithoutValidation("x-ms-version", BlobClientOptions.DefaultServiceVersion);
        var started = Stopwatch.GetTimestamp();
        using var response = await _http.SendAsync(request).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return Stopwatch.GetElapsedTime(started);
    }

    public async Task<TimeSpan> GetAsync(string blobName, long expectedLength)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, BlobUri(blobName));
        request.Headers.TryAddWithoutValidation("x-ms-version", BlobClientOptions.DefaultServiceVersion);
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
