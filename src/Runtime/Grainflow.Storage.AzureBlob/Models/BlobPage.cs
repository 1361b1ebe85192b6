namespace Grainflow.Storage.AzureBlob.Models;

/// <summary>One page of a listing.</summary>
public sealed class BlobPage
{
    public required IReadOnlyList<BlobItem> Items { get; init; }

    /// <summary>Pass as <see cref="BlobListOptions.ContinuationToken"/> to get the next page; null on the last page.</summary>
    public string? ContinuationToken { get; init; }
}
