using System.Globalization;
using Azure;
using Grainflow.Storage.AzureBlob.Models;

namespace Grainflow.Storage.AzureBlob.Internal;

/// <summary>Reads typed results from response headers.</summary>
internal static class BlobResponseReader
{
    private const string MetadataPrefix = "x-ms-meta-";

    public static BlobContentInfo ContentInfo(HttpResponseMessage response) => new()
    {
        ETag = ETagOf(response),
        LastModified = LastModifiedOf(response),
    };

    public static BlobProperties Properties(HttpResponseMessage response)
    {
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers.NonValidated)
        {
            if (name.StartsWith(MetadataPrefix, StringComparison.OrdinalIgnoreCase))
            {
                metadata[name[MetadataPrefix.Length..]] = string.Join(",", values);
            }
        }

        return new BlobProperties
        {
            ContentLength = TotalLength(response),
            ContentType = HttpHeaderReader.Get(response, "Content-Type"),
            ETag = ETagOf(response),
            LastModified = LastModifiedOf(response),
            BlobType = HttpHeaderReader.Get(response, "x-ms-blob-type"),
            LeaseState = Enum.TryParse<LeaseState>(HttpHeaderReader.Get(response, "x-ms-lease-state"), ignoreCase: true, out var state) ? state : LeaseState.Unknown,
            Metadata = metadata,
        };
    }

    public static BlobLease Lease(HttpResponseMessage response, string leaseId) => new()
    {
        LeaseId = HttpHeaderReader.Get(response, "x-ms-lease-id") ?? leaseId,
        ETag = ETagOf(response),
        LastModified = LastModifiedOf(response),
        LeaseTime = int.TryParse(HttpHeaderReader.Get(response, "x-ms-lease-time"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) ? seconds : null,
    };

    /// <summary>
    /// Stores a strong ETag without its quotes, as Azure.Core does, so a header ETag (<c>"0x8D…"</c>) and a listed one
    /// (<c>0x8D…</c>) compare equal; <see cref="ConditionHeaders.Format"/> quotes it again on the way out.
    /// </summary>
    public static ETag ParseETag(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return default;
        }

        return value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? new ETag(value[1..^1]) : new ETag(value);
    }

    private static ETag ETagOf(HttpResponseMessage response) => ParseETag(HttpHeaderReader.Get(response, "ETag"));

    private static DateTimeOffset LastModifiedOf(HttpResponseMessage response) =>
        DateTimeOffset.TryParse(HttpHeaderReader.Get(response, "Last-Modified"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var lastModified)
            ? lastModified
            : default;

    /// <summary>The whole blob's size: from <c>Content-Range: bytes a-b/total</c> on a ranged read, else Content-Length.</summary>
    private static long TotalLength(HttpResponseMessage response)
    {
        var contentRange = HttpHeaderReader.Get(response, "Content-Range");
        var slash = contentRange?.LastIndexOf('/') ?? -1;
        if (slash >= 0 && long.TryParse(contentRange.AsSpan(slash + 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var total))
        {
            return total;
        }

        return response.Content.Headers.ContentLength ?? 0;
    }
}
