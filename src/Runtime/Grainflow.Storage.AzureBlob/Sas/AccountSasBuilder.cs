using System.Text;

namespace Grainflow.Storage.AzureBlob.Sas;

/// <summary>
/// Builds a Blob-service account SAS (<c>ss=b</c>) signed with the account key, per "Create an account SAS"
/// (signed version 2020-12-06 and later).
/// </summary>
public sealed class AccountSasBuilder
{
    /// <summary>What the holder may do.</summary>
    public required SasPermissions Permissions { get; init; }

    /// <summary>Which resource levels the SAS covers.</summary>
    public AccountSasResourceTypes ResourceTypes { get; init; } = AccountSasResourceTypes.Container | AccountSasResourceTypes.Blob;

    /// <summary>When the SAS stops working.</summary>
    public required DateTimeOffset ExpiresOn { get; init; }

    /// <summary>When the SAS starts working; null means immediately.</summary>
    public DateTimeOffset? StartsOn { get; init; }

    public SasProtocol Protocol { get; init; }

    /// <summary>The signed version (<c>sv</c>); must be 2020-12-06 or later.</summary>
    public string Version { get; init; } = BlobClientOptions.DefaultServiceVersion;

    /// <summary>Returns the SAS query string (no leading '?'), including <c>sig</c>: treat it as a secret.</summary>
    public string ToSasQuery(StorageSharedKeyCredential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var permissions = SasFormat.Permissions(Permissions, "rwdlac");
        var resourceTypes = ResourceTypeLetters();
        var start = SasFormat.Time(StartsOn);
        var expiry = SasFormat.Time(ExpiresOn);
        var protocol = SasFormat.Protocol(Protocol);
        const string Services = "b";

        var stringToSign = string.Join('\n', credential.AccountName, permissions, Services, resourceTypes, start, expiry,
            string.Empty, protocol, Version, string.Empty, string.Empty);
        var signature = credential.ComputeHmacSha256(stringToSign);

        var query = new StringBuilder();
        SasFormat.Append(query, "sv", Version);
        SasFormat.Append(query, "ss", Services);
        SasFormat.Append(query, "srt", resourceTypes);
        SasFormat.Append(query, "sp", permissions);
        SasFormat.Append(query, "st", start);
        SasFormat.Append(query, "se", expiry);
        SasFormat.Append(query, "spr", protocol);
        SasFormat.Append(query, "sig", signature);
        return query.ToString();
    }

    private string ResourceTypeLetters() =>
        (ResourceTypes.HasFlag(AccountSasResourceTypes.Service) ? "s" : string.Empty)
        + (ResourceTypes.HasFlag(AccountSasResourceTypes.Container) ? "c" : string.Empty)
        + (ResourceTypes.HasFlag(AccountSasResourceTypes.Blob) ? "o" : string.Empty);
}
