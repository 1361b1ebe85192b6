using System.Runtime.CompilerServices;
using System.Text;
using Grainflow.Storage.AzureBlob.Internal;
using Grainflow.Storage.AzureBlob.Models;

namespace Grainflow.Storage.AzureBlob;

/// <summary>Operations on one container. Thread-safe; cheap to create (no request is made).</summary>
public sealed class BlobContainerClient
{
    private readonly BlobPipeline _pipeline;

    internal BlobContainerClient(BlobPipeline pipeline, Uri uri, string name)
    {
        _pipeline = pipeline;
        Uri = uri;
        Name = name;
    }

    /// <summary>The container's address, without credentials.</summary>
    public Uri Uri { get; }

    public string Name { get; }

    /// <summary>Returns a client for a blob in this container; '/' in the name makes virtual directories.</summary>
    public BlobClient GetBlobClient(string blobName) => new(_pipeline, BlobUris.AppendBlob(Uri, blobName), Name, blobName);

    /// <summary>Creates the container.</summary>
    /// <exception cref="BlobStorageException"><see cref="BlobStorageException.IsConflict"/> when it already exists.</exception>
    public async Task CreateAsync(CancellationToken cancellationToken = default)
    {
        var request = new BlobRequest("CreateContainer", HttpMethod.Put, ContainerUri(string.Empty));
        using var response = await _pipeline.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates the container unless it exists. Returns true when this call created it.</summary>
    public async Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await CreateAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (BlobStorageException e) when (e.IsConflict && e.ErrorCode == "ContainerAlreadyExists")
        {
            return false;
        }
    }

    /// <summary>Deletes the container and its blobs unless it is already gone. Returns true when this call deleted it.</summary>
    public async Task<bool> DeleteIfExistsAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var request = new BlobRequest("DeleteContainer", HttpMethod.Delete, ContainerUri(string.Empty));
            using var response = await _pipeline.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (BlobStorageException e) when (e.IsNotFound)
        {
            return false;
        }
    }

    /// <summary>Lists one page of blobs (List Blobs, flat), in name order.</summary>
    public async Task<BlobPage> GetBlobsPageAsync(BlobListOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (options?.PageSizeHint is { } pageSize)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        }

        var query = new StringBuilder("&comp=list");
        AppendParameter(query, "prefix", options?.Prefix);
        AppendParameter(query, "marker", options?.ContinuationToken);
        AppendParameter(query, "maxresults", options?.PageSizeHint?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var request = new BlobRequest("ListBlobs", HttpMethod.Get, ContainerUri(query.ToString()));
        using var response = await _pipeline.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return await ListBlobsReader.ReadAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lists every blob (following continuation tokens), fetching pages lazily as the caller enumerates.</summary>
    public async IAsyncEnumerable<BlobItem> GetBlobsAsync(BlobListOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var marker = options?.ContinuationToken;
        do
        {
            var page = await GetBlobsPageAsync(
                new BlobListOptions { Prefix = options?.Prefix, PageSizeHint = options?.PageSizeHint, ContinuationToken = marker },
                cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                yield return item;
            }

            marker = page.ContinuationToken;
        }
        while (marker is not null);
    }

    /// <inheritdoc />
    public override string ToString() => $"BlobContainerClient {{ Uri = {UrlRedactor.Redact(Uri)} }}";

    private Uri ContainerUri(string extraQuery) => BlobUris.WithQuery(Uri, "restype=container" + extraQuery);

    private static void AppendParameter(StringBuilder query, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            query.Append('&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }
    }
}
