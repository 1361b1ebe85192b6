using System.Net;
using System.Net.Sockets;
using Grainflow.Grains.Hosting;
using Orleans.Configuration;

namespace Grainflow.Silo.Cluster;

/// <summary>How the silo host joins its cluster and where it keeps the running-jobs records, from <see cref="ClusterSettings"/>.</summary>
internal static class ClusterSiloBuilderExtensions
{
    /// <summary>The Azure table of the running-jobs grain storage (the membership table keeps Orleans' default name).</summary>
    public const string JobTableName = "GrainflowJobs";

    /// <summary>
    /// Localhost clustering (one silo) without <see cref="ClusterSettings.Storage"/>; Azure Table membership in the
    /// storage account with it. Either way the cluster and service ids are <see cref="ClusterSettings.ClusterId"/>.
    /// </summary>
    public static ISiloBuilder UseGrainflowClustering(this ISiloBuilder silo, ClusterSettings cluster)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(cluster);
        var siloPort = cluster.SiloPort ?? FreeLoopbackPort();
        var gatewayPort = cluster.GatewayPort ?? FreeLoopbackPort();
        if (cluster.Storage is not { } storage)
        {
            return silo.UseLocalhostClustering(siloPort, gatewayPort, primarySiloEndpoint: null, serviceId: cluster.ClusterId, clusterId: cluster.ClusterId);
        }

        silo.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = cluster.ClusterId;
            options.ServiceId = cluster.ClusterId;
        });
        silo.ConfigureEndpoints(cluster.AdvertisedAddress, siloPort, gatewayPort, listenOnAnyHostAddress: cluster.ListensOnAnyAddress);
        return silo.UseAzureStorageClustering(options => options.TableServiceClient = storage.CreateClient());
    }

    /// <summary>
    /// Registers the grain storage named <see cref="GrainflowOptions.JobStorageName"/>: Azure Table storage in the
    /// cluster's account (table <see cref="JobTableName"/>), so that the running jobs outlive every silo; memory for a
    /// localhost cluster, whose jobs end with its one silo anyway.
    /// </summary>
    public static ISiloBuilder AddGrainflowJobStorage(this ISiloBuilder silo, ClusterStorage? storage) =>
        silo.AddClusterGrainStorage(GrainflowOptions.JobStorageName, storage, JobTableName);

    /// <summary>
    /// Registers the grain storage <paramref name="name"/> the way the cluster keeps what must outlive its silos: in the
    /// table <paramref name="tableName"/> of the cluster's Azure Table storage, or in memory on a localhost cluster,
    /// whose state ends with its one silo anyway.
    /// </summary>
    public static ISiloBuilder AddClusterGrainStorage(this ISiloBuilder silo, string name, ClusterStorage? storage, string tableName)
    {
        ArgumentNullException.ThrowIfNull(silo);
        return storage is null
            ? silo.AddMemoryGrainStorage(name)
            : silo.AddAzureTableGrainStorage(name, options =>
            {
                options.TableName = tableName;
                options.TableServiceClient = storage.CreateClient();
            });
    }

    // A one-silo run takes any free ports unless told otherwise, so that several runs on one machine never collide.
    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
