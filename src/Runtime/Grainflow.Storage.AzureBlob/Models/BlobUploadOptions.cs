namespace Grainflow.Storage.AzureBlob.Models;

/// <summary>Options of one upload.</summary>
public sealed class BlobUploadOptions
{
    /// <summary>Conditions on the committing request (Put Blob, or Put Block List); the lease id also goes on every Put Block.</summary>
    public BlobRequestConditions? Conditions { get; init; }

    /// <summary>The blob's Content-Type. Default <c>application/octet-stream</c> (set by the service).</summary>
    public string? ContentType { get; init; }

    /// <summary>User metadata (<c>x-ms-meta-*</c>); names must be valid C# identifiers, values ASCII.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>Threshold, block size and concurrency. Null uses the defaults of <see cref="BlobTransferOptions"/>.</summary>
    public BlobTransferOptions? TransferOptions { get; init; }
}
