using System.Net;

namespace Grainflow.Client.Produce;

/// <summary>
/// How an Orleans client finds the cluster: a gateway's endpoint (static clustering), or the Azure Table membership
/// table in <see cref="ClusterStorage"/> (a connection string: a secret, never printed).
/// </summary>
internal sealed record ProducerClusterSettings(IPEndPoint? Gateway, string? ClusterStorage, string ClusterId)
{
    /// <summary>Where the client connects, for messages; never a connection string.</summary>
    public string Description => Gateway is { } gateway
        ? $"the Orleans gateway at {gateway} (cluster '{ClusterId}')"
        : $"cluster '{ClusterId}' (Azure Table membership)";

    // The record's generated ToString would print the connection string.
    public override string ToString() => Description;
}
