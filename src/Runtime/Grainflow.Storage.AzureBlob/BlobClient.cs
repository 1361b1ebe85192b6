using System.Globalization;
using Azure;
using Grainflow.Storage.AzureBlob.Internal;
using Grainflow.Storage.AzureBlob.Models;

namespace Grainflow.Storage.AzureBlob;

/// <summary>
/// Operations on one block blob. Thread-safe; cheap to create (no request is made).
/// </summary>
/// <remarks>
/// Writes are all-or-nothing: content is visible only once Put Blob or Put Block List commits it. For create-only
/// writes pass <c>IfNoneMatch = ETag.All</c> (an existing blob gives <see cref="BlobStorageException.IsConflict"/>);
/// for compare-and-swap pass <c>IfMatch</c> (a changed blob gives <see cref="BlobStorageException.IsPreconditionFailed"/>).
/// </remarks>
public sealed class BlobClient
{
    private readonly BlobPipeline _pipeline;

    internal BlobClient(BlobPipeline pipeline, Uri uri, string containerName, string name)
    {
        _pipeline = pipeline;
        Uri = uri;
        BlobContainerName = containerName;
        Name = name;
    }

    /// <summary>The blob's address, without credentials.</summary>
    public Uri Uri { get; }

    public string BlobContainerName { get; }

    public string Name { get; }

    /// <summary>Uploads <paramref name="content"/>, replacing any existing blob unless conditions say otherwise.</summary>
    public Task<BlobContentInfo> UploadAsync(BinaryData content, BlobUploadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        return new BlobUploader(_pipeline, Uri).UploadAsync(content.ToMemory(), options, cancellationToken);
    }

    /// <summary>
    /// Uploads the rest of <paramref name="content"/>. The stream is read once, in order; content above the threshold is
    /// uploaded in blocks while it is read. The caller keeps ownership of the stream.
    /// </summary>
    public Task<BlobContentInfo> UploadAsync(Stream content, BlobUploadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        return new BlobUploader(_pipeline, Uri).UploadAsync(content, options, cancellationToken);
    }

    /// <summary>Starts a download and returns as soon as the headers arrive; the body streams as the caller reads it.</summary>
    /// <exception cref="BlobStorageException"><see cref="BlobStorageException.IsNotFound"/> for a missing blob; 416 for a range past the end.</exception>
    public async Task<BlobDownloadStreamingResult> DownloadStreamingAsync(BlobDownloadOptions? options = null, CancellationToken cancellationToken = default)
    {
        var request = new BlobRequest("GetBlob", HttpMethod.Get, Uri) { StreamResponse = true };
        if (options?.Range is { } range && range != default)
        {
            request.Headers["Range"] = FormatRange(range);
        }

        ConditionHeaders.Apply(request, options?.Conditions);
        var response = await _pipeline.SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            var content = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return new BlobDownloadStreamingResult(response, content, BlobResponseReader.Properties(response));
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>Downloads the blob (or range) into memory.</summary>
    public async Task<BlobDownloadResult> DownloadContentAsync(BlobDownloadOptions? options = null, CancellationToken cancellationToken = default)
    {
        var request = new BlobRequest("GetBlob", HttpMethod.Get, Uri);
        if (options?.Range is { } range && range != default)
        {
            request.Headers["Range"] = FormatRange(range);
        }

        ConditionHeaders.Apply(request, options?.Conditions);
        using var response = await _pipeline.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return new BlobDownloadResult { Content = new BinaryData(bytes), Details = BlobResponseReader.Properties(response) };
    }

    /// <summary>Gets system properties and metadata (Get Blob Properties).</summary>
    public async Task<BlobProperties> GetPropertiesAsync(BlobRequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        var request = new BlobRequest("GetBlobProperties", HttpMethod.Head, Uri);
        ConditionHeaders.Apply(request, conditions);
        using var response = await _pipeline.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return BlobResponseReader.Properties(response);
    }

    /// <summary>Returns whether the blob exists.</summary>
    public async Task<bool> ExistsAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (BlobStorageException e) when (e.IsNotFound)
        {
            return false;
        }
    }

    /// <summary>Deletes the blob (and its snapshots).</summary>
    /// <exception cref="BlobStorageException"><see cref="BlobStorageException.IsNotFound"/> when it does not exist.</exception>
    public async Task DeleteAsync(BlobRequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        var request = new BlobRequest("DeleteBlob", HttpMethod.Delete, Uri);
        request.Headers["x-ms-delete-snapshots"] = "include";
        ConditionHeaders.Apply(request, conditions);
        using var response = await _pipeline.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the blob unless it (or its container) is already gone. Returns true when this call deleted it.</summary>
    public async Task<bool> DeleteIfExistsAsync(BlobRequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        try
        {
            await DeleteAsync(conditions, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (BlobStorageException e) when (e.IsNotFound)
        {
            return false;
        }
    }

    /// <summary>Returns a lease client for this blob; a new lease id is proposed when none is given.</summary>
    public BlobLeaseClient GetBlobLeaseClient(string? leaseId = null) => new(_pipeline, Uri, leaseId ?? Guid.NewGuid().ToString());

    /// <inheritdoc />
    public override string ToString() => $"BlobClient {{ Uri = {UrlRedactor.Redact(Uri)} }}";

    private static string FormatRange(HttpRange range)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(range.Offset);
        var start = range.Offset.ToString(CultureInfo.InvariantCulture);
        if (range.Length is not { } length)
        {
            return $"bytes={start}-";
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        return $"bytes={start}-{(range.Offset + length - 1).ToString(CultureInfo.InvariantCulture)}";
    }
}
