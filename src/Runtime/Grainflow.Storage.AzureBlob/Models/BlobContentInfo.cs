using Azure;

namespace Grainflow.Storage.AzureBlob.Models;

/// <summary>The outcome of a committed write: the blob's new ETag and modification time.</summary>
public sealed class BlobContentInfo
{
    public required ETag ETag { get; init; }

    public DateTimeOffset LastModified { get; init; }
}
