using Grainflow.Silo.Cluster;
using Grainflow.Streams.Log.Hosting;

namespace Grainflow.Silo.Streams;

/// <summary>Hosts the Grainflow log stream provider in a grainflow-silo silo, with the pub/sub storage Orleans needs for it.</summary>
internal static class StreamSiloBuilderExtensions
{
    /// <summary>The grain storage Orleans' stream pub/sub looks for (explicit subscriptions are kept there).</summary>
    public const string PubSubStorageName = "PubSubStore";

    /// <summary>The Azure table of the pub/sub grain storage of a cluster with Azure Table membership.</summary>
    public const string PubSubTableName = "GrainflowPubSub";

    /// <summary>
    /// Registers the log stream provider <see cref="SiloStreamSettings.ProviderName"/> over the partitions in
    /// <see cref="SiloStreamSettings.Directory"/> or its blob container, and the <see cref="PubSubStorageName"/> grain storage chosen as the
    /// running-jobs storage is (<see cref="ClusterSiloBuilderExtensions.AddClusterGrainStorage"/>): memory on a localhost
    /// cluster, the cluster's Azure Table storage otherwise, so that subscriptions outlive every silo.
    /// </summary>
    public static ISiloBuilder AddGrainflowStreamProvider(this ISiloBuilder silo, SiloStreamSettings streams, ClusterStorage? storage)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(streams);
        return silo
            .AddClusterGrainStorage(PubSubStorageName, storage, PubSubTableName)
            .AddGrainflowLogStreams(SiloStreamSettings.ProviderName, options =>
            {
                options.Partitions = streams.Partitions;
                if (streams.InBlobStorage)
                {
                    options.BlobConnectionString = streams.StoreConnectionString;
                    options.BlobServiceUri = streams.StoreUrl;
                    options.BlobContainerName = streams.Container;
                }
                else
                {
                    options.Directory = streams.FullDirectory;
                }
            });
    }
}
