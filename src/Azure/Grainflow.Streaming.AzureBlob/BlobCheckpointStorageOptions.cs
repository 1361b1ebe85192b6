using Azure.Core;
using Azure.Storage;
using Azure.Storage.Blobs;

namespace Grainflow.Streaming.AzureBlob;

/// <summary>Where and how <see cref="BlobCheckpointStorage"/> keeps checkpoints. Bindable from configuration.</summary>
/// <remarks>
/// The account is given either by <see cref="ConnectionString"/> (account key, SAS, or <c>UseDevelopmentStorage=true</c>)
/// or by <see cref="ServiceUri"/> with a Microsoft Entra <see cref="Credential"/>; not both. A
/// <see cref="BlobContainerClient"/> built another way is passed to
/// <see cref="BlobCheckpointStorage(BlobContainerClient, BlobCheckpointStorageOptions?, Microsoft.Extensions.Logging.ILogger{BlobCheckpointStorage}?)"/>
/// instead.
/// </remarks>
public sealed class BlobCheckpointStorageOptions
{
    /// <summary>The container used when none is configured.</summary>
    public const string DefaultContainerName = "grainflow-checkpoints";

    /// <summary>The shortest finite lease Azure Storage grants.</summary>
    public static readonly TimeSpan MinLeaseDuration = TimeSpan.FromSeconds(15);

    /// <summary>The longest finite lease Azure Storage grants.</summary>
    public static readonly TimeSpan MaxLeaseDuration = TimeSpan.FromSeconds(60);

    /// <summary>The writer lease's term unless configured: a start after a crash waits up to this long.</summary>
    public static readonly TimeSpan DefaultLeaseDuration = TimeSpan.FromSeconds(20);

    /// <summary>
    /// An Azure Storage connection string: <c>UseDevelopmentStorage=true</c> (Azurite on 127.0.0.1:10000), an
    /// account-key string, or <c>BlobEndpoint=…;SharedAccessSignature=…</c>. Holds a secret: never log it.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// The account's blob endpoint (<c>https://account.blob.core.windows.net</c>), or a container's URL (its container
    /// is then used and <see cref="ContainerName"/> ignored), reached with <see cref="Credential"/>. Carries no secret.
    /// </summary>
    public Uri? ServiceUri { get; set; }

    /// <summary>The Microsoft Entra credential for <see cref="ServiceUri"/>. Null uses <c>DefaultAzureCredential</c>.</summary>
    public TokenCredential? Credential { get; set; }

    /// <summary>The container, created at the first write if missing. Default <see cref="DefaultContainerName"/>.</summary>
    public string ContainerName { get; set; } = DefaultContainerName;

    /// <summary>
    /// A blob-name prefix (a virtual directory, e.g. <c>prod/eu</c>) under which every checkpoint path is stored,
    /// so several deployments can share a container. Null or empty stores paths at the container's root.
    /// </summary>
    public string? Prefix { get; set; }

    /// <summary>
    /// Transport, retries and policies of the blob clients. Null uses
    /// <see cref="BlobCheckpointContainer.CreateClientOptions"/> (the service version Azurite accepts, retries logged
    /// to the storage's logger factory).
    /// </summary>
    public BlobClientOptions? ClientOptions { get; set; }

    /// <summary>How state files are split into blocks when uploaded. Null uses <see cref="BlobCheckpointStorage.DefaultTransferOptions"/>.</summary>
    public StorageTransferOptions? TransferOptions { get; set; }

    /// <summary>Blobs requested per List Blobs page. Null lets the service choose (up to 5000).</summary>
    public int? ListPageSize { get; set; }

    /// <summary>
    /// The term of the job's writer lease (one process per job and location), from <see cref="MinLeaseDuration"/> to
    /// <see cref="MaxLeaseDuration"/>. Default <see cref="DefaultLeaseDuration"/>.
    /// </summary>
    /// <remarks>
    /// The holder renews the lease every third of the term. A start that finds it held waits up to one term (plus a
    /// second) for a holder that was killed to lose it, so a restart after a crash may wait that long; a live holder
    /// keeps renewing, and the start is refused. A holder whose renewals fail until a fifth of the term is left stops
    /// writing and fails its job back to the last checkpoint. Longer terms ride out longer storage outages, shorter
    /// ones restart sooner after a crash.
    /// </remarks>
    public TimeSpan LeaseDuration { get; set; } = DefaultLeaseDuration;

    /// <summary>The clock of the lease's renewals and waits. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
