using Microsoft.Extensions.Logging;

namespace Grainflow.Grains.Samples;

/// <summary>Log messages of <see cref="CounterGrain"/> (event ids 5000-5009).</summary>
public sealed partial class CounterGrain
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Debug, Message = "Counter {CounterName} activated with count {Count}")]
    private static partial void LogActivated(ILogger logger, string counterName, long count);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Debug, Message = "Counter {CounterName} deactivated ({Reason}) with count {Count} saved")]
    private static partial void LogDeactivated(ILogger logger, string counterName, long count, DeactivationReasonCode reason);
}
