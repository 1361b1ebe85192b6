using Azure;

namespace Grainflow.Storage.AzureBlob.Models;

/// <summary>System properties and metadata of a blob, as returned by Get Blob Properties or Get Blob.</summary>
public sealed class BlobProperties
{
    /// <summary>The blob's total size in bytes (not the size of a ranged read).</summary>
    public required long ContentLength { get; init; }

    public string? ContentType { get; init; }

    public required ETag ETag { get; init; }

    public DateTimeOffset LastModified { get; init; }

    /// <summary><c>BlockBlob</c>, <c>AppendBlob</c> or <c>PageBlob</c>.</summary>
    public string? BlobType { get; init; }

    public LeaseState LeaseState { get; init; }

    /// <summary>User metadata, names without the <c>x-ms-meta-</c> prefix.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
}
