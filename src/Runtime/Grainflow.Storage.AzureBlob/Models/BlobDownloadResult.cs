namespace Grainflow.Storage.AzureBlob.Models;

/// <summary>A fully buffered download.</summary>
public sealed class BlobDownloadResult
{
    public required BinaryData Content { get; init; }

    public required BlobProperties Details { get; init; }
}
