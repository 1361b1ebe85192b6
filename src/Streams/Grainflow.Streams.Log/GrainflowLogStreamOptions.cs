using Azure.Core;
using Azure.Storage.Blobs;

namespace Grainflow.Streams.Log;

/// <summary>
/// Options of a Grainflow log stream provider, named by the provider. The silo and every client that produces to
/// the provider must agree on <see cref="Partitions"/>: it decides which partition a stream's events go to.
/// </summary>
public sealed class GrainflowLogStreamOptions
{
    /// <summary>The default number of partitions.</summary>
    public const int DefaultPartitions = 8;

    /// <summary>The blob container used when none is configured.</summary>
    public const string DefaultContainerName = "grainflow-streams";

    /// <summary>
    /// Gets or sets the directory holding the partitions (a segment log, one sub-directory per partition) and the
    /// pulling agents' delivery marks. Required on silos; unused by clients. Every silo of the cluster must see the
    /// same directory (one machine, or a shared volume): a partition's writer and readers may run on any silo.
    /// </summary>
    public string? Directory { get; set; }

    /// <summary>
    /// Gets or sets an Azure Storage connection string (<c>UseDevelopmentStorage=true</c>, an account-key or a SAS string)
    /// whose blob container <see cref="BlobContainerName"/> holds the partitions instead of <see cref="Directory"/>.
    /// Holds a secret: never logged or printed.
    /// </summary>
    public string? BlobConnectionString { get; set; }

    /// <summary>
    /// Gets or sets the account's blob endpoint (<c>https://account.blob.core.windows.net</c>) or a container's URL,
    /// reached with <see cref="BlobCredential"/>, instead of <see cref="BlobConnectionString"/>.
    /// </summary>
    public Uri? BlobServiceUri { get; set; }

    /// <summary>Gets or sets the Microsoft Entra credential for <see cref="BlobServiceUri"/>; null uses <c>DefaultAzureCredential</c>.</summary>
    public TokenCredential? BlobCredential { get; set; }

    /// <summary>Gets or sets the blob container, created if missing. Default <see cref="DefaultContainerName"/>.</summary>
    public string BlobContainerName { get; set; } = DefaultContainerName;

    /// <summary>
    /// Gets or sets the transport, retries and policies of the blob clients; null uses the service version Azurite
    /// accepts and the SDK's retries, logged.
    /// </summary>
    public BlobClientOptions? BlobClientOptions { get; set; }

    /// <summary>Gets whether the provider keeps its data in Azure Blob Storage rather than <see cref="Directory"/>.</summary>
    public bool UsesBlobStorage => BlobConnectionString is not null || BlobServiceUri is not null;

    /// <summary>
    /// Gets or sets the number of partitions (Orleans queues), fixed for the life of the directory. Default
    /// <see cref="DefaultPartitions"/>.
    /// </summary>
    public int Partitions { get; set; } = DefaultPartitions;

    /// <summary>Gets or sets when an append is made durable and acknowledged. Default <see cref="LogDurability.GroupCommit"/>.</summary>
    public LogDurability Durability { get; set; } = LogDurability.GroupCommit;

    /// <summary>
    /// Gets or sets how long, with <see cref="LogDurability.GroupCommit"/>, a partition waits for more appends before
    /// it syncs. Zero (the default) syncs as soon as the previous sync ended: appends that arrive meanwhile share the
    /// next one, so an acknowledgement waits at most two syncs. A positive window adds at most this much latency to
    /// gather larger groups under light load.
    /// </summary>
    public TimeSpan GroupCommitWindow { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// Gets or sets the most events one batch container delivers (default 1024). Consecutive records of the same
    /// stream share a container, so a consumer receives many events per delivery call.
    /// </summary>
    public int MaxEventsPerContainer { get; set; } = 1024;

    /// <summary>Gets or sets the size at which a partition starts a new segment file or blob (64 MiB by default).</summary>
    public long SegmentSize { get; set; } = 64 * 1024 * 1024;
}
