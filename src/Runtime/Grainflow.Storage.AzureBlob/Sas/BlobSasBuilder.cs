using System.Text;

namespace Grainflow.Storage.AzureBlob.Sas;

/// <summary>
/// Builds a service SAS for one container (<c>sr=c</c>) or one blob (<c>sr=b</c>) signed with the account key, per
/// "Create a service SAS" (signed version 2020-12-06 and later).
/// </summary>
public sealed class BlobSasBuilder
{
    public required string ContainerName { get; init; }

    /// <summary>The blob the SAS is limited to; null for a container SAS.</summary>
    public string? BlobName { get; init; }

    public required SasPermissions Permissions { get; init; }

    public required DateTimeOffset ExpiresOn { get; init; }

    public DateTimeOffset? StartsOn { get; init; }

    public SasProtocol Protocol { get; init; }

    /// <summary>The signed version (<c>sv</c>); must be 2020-12-06 or later.</summary>
    public string Version { get; init; } = BlobClientOptions.DefaultServiceVersion;

    /// <summary>Returns the SAS query string (no leading '?'), including <c>sig</c>: treat it as a secret.</summary>
    public string ToSasQuery(StorageSharedKeyCredential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentException.ThrowIfNullOrWhiteSpace(ContainerName);
        var resource = BlobName is null ? "c" : "b";
        var canonicalName = $"/blob/{credential.AccountName}/{ContainerName}" + (BlobName is null ? string.Empty : "/" + BlobName);
        var permissions = SasFormat.Permissions(Permissions, "racwdl");
        var start = SasFormat.Time(StartsOn);
        var expiry = SasFormat.Time(ExpiresOn);
        var protocol = SasFormat.Protocol(Protocol);

        // permissions, start, expiry, resource, identifier, IP, protocol, version, sr, snapshot, encryption scope,
        // then the five response-header overrides (rscc, rscd, rsce, rscl, rsct), all empty here.
        var stringToSign = string.Join('\n', permissions, start, expiry, canonicalName, string.Empty, string.Empty, protocol,
            Version, resource, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty);
        var signature = credential.ComputeHmacSha256(stringToSign);

        var query = new StringBuilder();
        SasFormat.Append(query, "sv", Version);
        SasFormat.Append(query, "sr", resource);
        SasFormat.Append(query, "sp", permissions);
        SasFormat.Append(query, "st", start);
        SasFormat.Append(query, "se", expiry);
        SasFormat.Append(query, "spr", protocol);
        SasFormat.Append(query, "sig", signature);
        return query.ToString();
    }
}
