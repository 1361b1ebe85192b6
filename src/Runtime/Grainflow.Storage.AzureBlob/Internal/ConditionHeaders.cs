using System.Globalization;
using Azure;
using Grainflow.Storage.AzureBlob.Models;

namespace Grainflow.Storage.AzureBlob.Internal;

/// <summary>Maps <see cref="BlobRequestConditions"/> onto request headers.</summary>
internal static class ConditionHeaders
{
    public static void Apply(BlobRequest request, BlobRequestConditions? conditions, bool includeLease = true)
    {
        if (conditions is null)
        {
            return;
        }

        if (conditions.IfMatch is { } ifMatch)
        {
            request.Headers["If-Match"] = Format(ifMatch);
        }

        if (conditions.IfNoneMatch is { } ifNoneMatch)
        {
            request.Headers["If-None-Match"] = Format(ifNoneMatch);
        }

        if (conditions.IfModifiedSince is { } modifiedSince)
        {
            request.Headers["If-Modified-Since"] = modifiedSince.ToString("R", CultureInfo.InvariantCulture);
        }

        if (conditions.IfUnmodifiedSince is { } unmodifiedSince)
        {
            request.Headers["If-Unmodified-Since"] = unmodifiedSince.ToString("R", CultureInfo.InvariantCulture);
        }

        if (includeLease && conditions.LeaseId is { } leaseId)
        {
            request.Headers["x-ms-lease-id"] = leaseId;
        }
    }

    /// <summary>Formats an ETag as an HTTP entity tag: '*' and already-quoted (or weak) tags as they are, bare values quoted.</summary>
    internal static string Format(ETag etag)
    {
        var raw = etag.ToString();
        return raw == "*" || raw.StartsWith('"') || raw.StartsWith("W/", StringComparison.Ordinal) ? raw : "\"" + raw + "\"";
    }
}
