namespace Grainflow.Storage.AzureBlob.Models;

/// <summary>The lease state of a blob (<c>x-ms-lease-state</c>).</summary>
public enum LeaseState
{
    Unknown,
    Available,
    Leased,
    Expired,
    Breaking,
    Broken,
}
