namespace Grainflow.Storage.AzureBlob.Sas;

/// <summary>Permissions a SAS grants. Serialized in the order each SAS kind requires.</summary>
[Flags]
public enum SasPermissions
{
    None = 0,
    Read = 1,
    Add = 2,
    Create = 4,
    Write = 8,
    Delete = 16,
    List = 32,
    All = Read | Add | Create | Write | Delete | List,
}
