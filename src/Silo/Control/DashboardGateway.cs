using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Grainflow.Silo.Control;

/// <summary>
/// The gateway the dashboard's Orleans client connects to: this silo's own, at its advertised address, with its
/// cluster's ids (a gateway refuses a client of another cluster id).
/// </summary>
internal sealed record DashboardGateway(IPEndPoint Endpoint, string ClusterId, string ServiceId)
{
    /// <summary>The gateway of the host's silo, or null in a host without a silo or a silo without a gateway.</summary>
    public static DashboardGateway? Of(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.GetService<ILocalSiloDetails>() is not { GatewayAddress: { } gateway } silo)
        {
            return null;
        }

        var serviceId = services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId;
        return new DashboardGateway(gateway.Endpoint, silo.ClusterId, serviceId);
    }
}
