using Microsoft.Extensions.Logging;

namespace Grainflow.Silo.Samples;

/// <summary>Log messages of <see cref="CounterSampleWorkload"/> (event ids 2000-2019).</summary>
internal sealed partial class CounterSampleWorkload
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Information,
        Message = "Counter sample: {Calls} increments over {Grains} counter grains, one concurrent caller per grain (call timeout {CallTimeout}, shutdown timeout {ShutdownTimeout}); Ctrl+C stops gracefully")]
    private partial void LogStarting(int calls, int grains, string callTimeout, string shutdownTimeout);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information,
        Message = "Progress: {Completed} of {Calls} calls, {ActivationCount} activations")]
    private partial void LogProgress(long completed, int calls, int activationCount);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information,
        Message = "Completed {Completed} calls in {ElapsedMilliseconds} ms ({CallsPerSecond} calls/s); {ActivationCount} activations")]
    private partial void LogCompleted(long completed, long elapsedMilliseconds, long callsPerSecond, int activationCount);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information,
        Message = "Verified: the {Grains} counters sum to {Sum}")]
    private partial void LogVerified(int grains, long sum);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning,
        Message = "Interrupted after {Completed} of {Calls} calls")]
    private partial void LogInterrupted(long completed, int calls);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information,
        Message = "Stopping the silo gracefully: {ActivationCount} activations to deactivate")]
    private partial void LogStopping(int activationCount);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Information,
        Message = "Stopped gracefully: {Deactivations} of {Activations} activations deactivated, {Saved} of {Completed} increments saved")]
    private partial void LogStopped(int deactivations, int activations, long saved, long completed);
}
