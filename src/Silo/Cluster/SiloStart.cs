using System.Net;
using System.Net.Sockets;
using Grainflow.Silo.CommandLine;
using Grainflow.Silo.Streams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Grainflow.Silo.Cluster;

/// <summary>Starts the host of a silo with given ports, refusing ports another process already serves.</summary>
internal static class SiloStart
{
    // A local port that nothing serves refuses at once; this only bounds a firewall that drops instead.
    private static readonly TimeSpan s_connectTimeout = TimeSpan.FromSeconds(1);

    /// <exception cref="UsageException">The silo or gateway port already accepts connections.</exception>
    public static async Task StartAsync(IHost host, ClusterSettings cluster, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(cluster);

        // Orleans binds its listeners with address reuse, so that on Linux a second silo on a taken port starts without
        // an error, shares the port, and (with the same cluster) declares the first one dead: look before binding.
        await RequireUnservedAsync(cluster.AdvertisedAddress, cluster.SiloPort, "--silo-port", cancellationToken);
        await RequireUnservedAsync(cluster.AdvertisedAddress, cluster.GatewayPort, "--gateway-port", cancellationToken);
        await host.StartAsync(cancellationToken);
    }

    /// <summary>The silo's advertised silo-to-silo endpoint.</summary>
    public static string AddressOf(IHost host) =>
        host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.Endpoint.ToString();

    /// <summary>
    /// The line that tells Orleans clients where to connect and how to produce: the gateway's endpoint and the stream
    /// provider's partitions (a producing client needs the same partition count).
    /// </summary>
    public static string DescribeStreams(IHost host, SiloStreamSettings streams)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(streams);
        var endpoints = host.Services.GetRequiredService<IOptions<EndpointOptions>>().Value;
        var gateway = new IPEndPoint(endpoints.AdvertisedIPAddress ?? IPAddress.Loopback, endpoints.GatewayPort);
        return $"[streams] Orleans gateway {gateway}; stream provider '{SiloStreamSettings.ProviderName}' with {streams.Partitions} partitions in {streams.Location}";
    }

    private static async Task RequireUnservedAsync(IPAddress address, int? port, string option, CancellationToken cancellationToken)
    {
        if (port is not { } given)
        {
            return;
        }

        using var client = new TcpClient(address.AddressFamily);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(s_connectTimeout);
        try
        {
            await client.ConnectAsync(address, given, attempt.Token);
        }
        catch (Exception exception) when (exception is SocketException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return;
        }

        throw new UsageException($"Option '{option}': {new IPEndPoint(address, given)} is already served by another process (another silo?); pass a free port.");
    }
}
