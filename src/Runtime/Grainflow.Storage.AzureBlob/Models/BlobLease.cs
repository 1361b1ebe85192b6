using Azure;

namespace Grainflow.Storage.AzureBlob.Models;

/// <summary>The outcome of a lease operation.</summary>
public sealed class BlobLease
{
    /// <summary>The lease id (empty after a break).</summary>
    public required string LeaseId { get; init; }

    public ETag ETag { get; init; }

    public DateTimeOffset LastModified { get; init; }

    /// <summary>After a break: seconds until the lease is broken; otherwise null.</summary>
    public int? LeaseTime { get; init; }
}
