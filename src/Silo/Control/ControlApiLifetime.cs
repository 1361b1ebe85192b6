using Microsoft.Extensions.Hosting;

namespace Grainflow.Silo.Control;

/// <summary>
/// The control API application's lifetime: none of its own. The silo host handles Ctrl+C and SIGTERM and stops
/// the API as one of its hosted services; a console lifetime here would stop the API on its own.
/// </summary>
internal sealed class ControlApiLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
