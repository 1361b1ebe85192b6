using Microsoft.Extensions.Hosting;

namespace Grainflow.Runtime.Hosting;

/// <summary>Starts the silo with the host and stops it gracefully when the host stops.</summary>
internal sealed class SiloHostedService(Silo silo) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => silo.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => silo.StopAsync(cancellationToken);
}
