using Microsoft.Extensions.Logging;

namespace Grainflow.Runtime;

/// <summary>The runtime's log messages, with stable event ids (1000-1099).</summary>
internal sealed partial class SiloLog(ILogger logger)
{
    [LoggerMessage(1000, LogLevel.Information, "Silo started with {GrainTypeCount} grain classes.")]
    public partial void SiloStarted(int grainTypeCount);

    [LoggerMessage(1001, LogLevel.Information, "Silo stopping: deactivating {ActivationCount} activations (bound {ShutdownTimeout}).")]
    public partial void SiloStopping(int activationCount, TimeSpan shutdownTimeout);

    [LoggerMessage(1002, LogLevel.Information, "Silo stopped.")]
    public partial void SiloStopped();

    [LoggerMessage(1003, LogLevel.Warning, "Shutdown bound of {ShutdownTimeout} reached; {RemainingCount} activations did not finish deactivating and were abandoned.")]
    public partial void ShutdownAbandoned(TimeSpan shutdownTimeout, int remainingCount);

    [LoggerMessage(1010, LogLevel.Error, "Activation of grain {GrainId} failed; its queued calls fail with the same exception.")]
    public partial void ActivationFailed(Exception exception, GrainId grainId);

    [LoggerMessage(1011, LogLevel.Warning, "OnDeactivateAsync of grain {GrainId} ({Reason}) failed; the activation is removed anyway.")]
    public partial void DeactivationFailed(Exception exception, GrainId grainId, DeactivationReasonCode reason);

    [LoggerMessage(1012, LogLevel.Warning, "A timer callback of grain {GrainId} failed; the timer keeps running.")]
    public partial void TimerCallbackFailed(Exception exception, GrainId grainId);

    [LoggerMessage(1013, LogLevel.Error, "A work item posted to grain {GrainId}'s context failed.")]
    public partial void ContinuationFailed(Exception exception, GrainId grainId);
}
