using Microsoft.Extensions.Logging;

namespace Grainflow.Silo.Control;

internal sealed partial class ControlApiHostedService
{
    [LoggerMessage(EventId = 5100, Level = LogLevel.Information, Message = "Control API listening on {Addresses} (bearer token required: {TokenRequired})")]
    private static partial void LogListening(ILogger logger, string addresses, bool tokenRequired);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Debug, Message = "Control API not started: the default address {Url} is taken ({Reason})")]
    private static partial void LogDefaultAddressTaken(ILogger logger, Uri url, string reason);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Debug, Message = "Control API not started: no job control in this silo")]
    private static partial void LogNoJobControl(ILogger logger);
}
