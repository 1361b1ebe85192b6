namespace Grainflow.Storage.AzureBlob.Models;

/// <summary>Options of a blob listing.</summary>
public sealed class BlobListOptions
{
    /// <summary>Only blobs whose names start with this prefix.</summary>
    public string? Prefix { get; init; }

    /// <summary>Maximum blobs per page (<c>maxresults</c>); null lets the service choose (up to 5000).</summary>
    public int? PageSizeHint { get; init; }

    /// <summary>Where to resume: the <see cref="BlobPage.ContinuationToken"/> of the previous page (<c>marker</c>).</summary>
    public string? ContinuationToken { get; init; }
}
