using System.Net;

namespace Grainflow.Silo.Cluster;

/// <summary>
/// Which cluster the silo joins and how others reach it. Without <see cref="Storage"/> the silo is a one-silo
/// localhost cluster (the embedded default); with it, silos with the same <see cref="ClusterId"/> that share the
/// storage account form one cluster through Azure Table membership.
/// </summary>
internal sealed record ClusterSettings
{
    public const string DefaultClusterId = "grainflow";
    public const int DefaultSiloPort = 11111;
    public const int DefaultGatewayPort = 30000;

    /// <summary>The one-silo localhost cluster on free ports that <c>wordcount</c>, <c>sample</c> and the demo run on.</summary>
    public static ClusterSettings OneSiloOnFreePorts { get; } = new() { SiloPort = null, GatewayPort = null };

    /// <summary>
    /// Names the cluster; also Orleans' service id, so that the running-jobs records in grain storage belong to the
    /// cluster and survive restarting all of its silos.
    /// </summary>
    public string ClusterId { get; init; } = DefaultClusterId;

    /// <summary>The silo-to-silo port; null takes a free one.</summary>
    public int? SiloPort { get; init; } = DefaultSiloPort;

    /// <summary>The port Orleans clients connect to; null takes a free one.</summary>
    public int? GatewayPort { get; init; } = DefaultGatewayPort;

    /// <summary>
    /// The address other silos and clients reach this one at. The silo listens on it when it is a loopback address,
    /// and on every interface otherwise (a container's own address, behind which port mappings may sit).
    /// </summary>
    public IPAddress AdvertisedAddress { get; init; } = IPAddress.Loopback;

    /// <summary>The Azure Table storage of the membership table and the running-jobs records; null for localhost clustering.</summary>
    public ClusterStorage? Storage { get; init; }

    /// <summary>Whether the silo listens on every interface rather than on its advertised (loopback) address only.</summary>
    public bool ListensOnAnyAddress => !IPAddress.IsLoopback(AdvertisedAddress);
}
