using Grainflow.Streaming.AzureBlob;
using Grainflow.Streams.Log;

namespace Grainflow.Silo.Streams;

/// <summary>
/// The Grainflow log stream provider every grainflow-silo silo hosts, named <see cref="ProviderName"/>: where its
/// partitions are and how many there are. Every silo of a cluster and every producing client must agree on
/// <see cref="Partitions"/>; every silo must see the same <see cref="Directory"/> (one machine, or a shared volume), or
/// use the same blob container (<see cref="StoreConnectionString"/> or <see cref="StoreUrl"/>, and <see cref="Container"/>).
/// </summary>
internal sealed record SiloStreamSettings
{
    /// <summary>The provider's name, as in <c>GetStreamProvider("grainflow")</c> and in addresses such as <c>grainflow/lines</c>.</summary>
    public const string ProviderName = "grainflow";

    /// <summary>The partitions' directory unless <c>--stream-log</c> says otherwise, relative to the working directory.</summary>
    public const string DefaultDirectory = "streams";

    /// <summary>The provider's defaults: <see cref="DefaultDirectory"/> and <see cref="GrainflowLogStreamOptions.DefaultPartitions"/> partitions.</summary>
    public static SiloStreamSettings Default { get; } = new();

    /// <summary>The directory of the partitions (a segment log) and the delivery marks.</summary>
    public string Directory { get; init; } = DefaultDirectory;

    /// <summary>The number of partitions, fixed for the life of <see cref="Directory"/>.</summary>
    public int Partitions { get; init; } = GrainflowLogStreamOptions.DefaultPartitions;

    /// <summary>An Azure Storage connection string whose container holds the partitions instead (<c>--stream-store</c>); never printed.</summary>
    public string? StoreConnectionString { get; init; }

    /// <summary>An account or container URL reached with Microsoft Entra whose container holds the partitions instead (<c>--stream-store-url</c>).</summary>
    public Uri? StoreUrl { get; init; }

    /// <summary>The blob container of <see cref="StoreConnectionString"/> or of an account's <see cref="StoreUrl"/>.</summary>
    public string Container { get; init; } = GrainflowLogStreamOptions.DefaultContainerName;

    /// <summary>Whether the partitions are in a blob container rather than <see cref="Directory"/>.</summary>
    public bool InBlobStorage => StoreConnectionString is not null || StoreUrl is not null;

    /// <summary>The full path of <see cref="Directory"/>, for messages.</summary>
    public string FullDirectory => Path.GetFullPath(Directory);

    /// <summary>Where the partitions are, for messages: the directory, or the container's URL (no key, SAS or query).</summary>
    public string Location => InBlobStorage ? $"blob container {ContainerClient().Uri.GetLeftPart(UriPartial.Path)}" : FullDirectory;

    /// <summary>A client of the blob container (no request is made); only when <see cref="InBlobStorage"/>.</summary>
    /// <exception cref="FormatException">The connection string is malformed; the message names no value of it.</exception>
    public Azure.Storage.Blobs.BlobContainerClient ContainerClient(Azure.Storage.Blobs.BlobClientOptions? options = null) => StoreUrl is { } url
        ? BlobCheckpointContainer.FromUri(url, string.IsNullOrEmpty(new Azure.Storage.Blobs.BlobUriBuilder(url).BlobContainerName) ? Container : null, clientOptions: options)
        : BlobCheckpointContainer.FromConnectionString(StoreConnectionString!, Container, options);

    /// <summary>Never prints the connection string.</summary>
    public override string ToString() => $"{nameof(SiloStreamSettings)} {{ {Partitions} partitions in {Location} }}";
}
