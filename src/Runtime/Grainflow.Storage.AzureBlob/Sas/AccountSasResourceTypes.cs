namespace Grainflow.Storage.AzureBlob.Sas;

/// <summary>Which resource levels an account SAS covers (<c>srt</c>).</summary>
[Flags]
public enum AccountSasResourceTypes
{
    None = 0,
    /// <summary>Service-level operations (<c>s</c>), e.g. list containers.</summary>
    Service = 1,
    /// <summary>Container operations (<c>c</c>), e.g. create container, list blobs.</summary>
    Container = 2,
    /// <summary>Blob operations (<c>o</c>), e.g. put, get, delete, lease.</summary>
    Blob = 4,
    All = Service | Container | Blob,
}
