using Grainflow.Storage.AzureBlob;
using Grainflow.Storage.AzureBlob.Models;

namespace Grainflow.Streaming.AzureBlob;

/// <summary>Where and how <see cref="BlobCheckpointStorage"/> keeps checkpoints. Bindable from configuration.</summary>
public sealed class BlobCheckpointStorageOptions
{
    /// <summary>The container used when none is configured.</summary>
    public const string DefaultContainerName = "grainflow-checkpoints";

    /// <summary>
    /// An Azure Storage connection string: <c>UseDevelopmentStorage=true</c> (Azurite on 127.0.0.1:10000), an
    /// account-key string, or <c>BlobEndpoint=…;SharedAccessSignature=…</c>. Holds a secret: never log it.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>The container, created at the first write if missing. Default <see cref="DefaultContainerName"/>.</summary>
    public string ContainerName { get; set; } = DefaultContainerName;

    /// <summary>
    /// A blob-name prefix (a virtual directory, e.g. <c>prod/eu</c>) under which every checkpoint path is stored,
    /// so several deployments can share a container. Null or empty stores paths at the container's root.
    /// </summary>
    public string? Prefix { get; set; }

    /// <summary>Transport, retry policy, clock and logging of the blob client. Null uses the client's defaults.</summary>
    public BlobClientOptions? ClientOptions { get; set; }

    /// <summary>How state files are split into blocks when uploaded. Null uses the client's defaults.</summary>
    public BlobTransferOptions? TransferOptions { get; set; }

    /// <summary>Blobs requested per List Blobs page. Null lets the service choose (up to 5000).</summary>
    public int? ListPageSize { get; set; }
}
