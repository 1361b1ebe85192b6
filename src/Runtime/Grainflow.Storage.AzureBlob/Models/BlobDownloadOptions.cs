using Azure;

namespace Grainflow.Storage.AzureBlob.Models;

/// <summary>Options of one download.</summary>
public sealed class BlobDownloadOptions
{
    /// <summary>The byte range to read (sent as <c>Range: bytes=offset-end</c>). Default: the whole blob.</summary>
    public HttpRange Range { get; init; }

    /// <summary>Conditions, e.g. <c>IfMatch</c> to read exactly the version whose ETag you hold.</summary>
    public BlobRequestConditions? Conditions { get; init; }
}
