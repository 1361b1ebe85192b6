using Azure;

namespace Grainflow.Storage.AzureBlob.Models;

/// <summary>One blob of a listing.</summary>
public sealed class BlobItem
{
    public required string Name { get; init; }

    public long ContentLength { get; init; }

    public string? ContentType { get; init; }

    public ETag ETag { get; init; }

    public DateTimeOffset LastModified { get; init; }
}
