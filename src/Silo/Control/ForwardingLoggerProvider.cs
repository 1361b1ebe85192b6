using Microsoft.Extensions.Logging;

namespace Grainflow.Silo.Control;

/// <summary>Writes the control API application's logs through the silo host's logging (its console format and --log-level).</summary>
internal sealed class ForwardingLoggerProvider(ILoggerFactory siloLogging) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => siloLogging.CreateLogger(categoryName);

    public void Dispose()
    {
        // The silo host owns its logging.
    }
}
