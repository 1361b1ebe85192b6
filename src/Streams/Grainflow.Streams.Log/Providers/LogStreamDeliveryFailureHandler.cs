using Microsoft.Extensions.Logging;

namespace Grainflow.Streams.Log.Providers;

/// <summary>
/// What happens when a consumer keeps failing. Orleans' pulling agent retries delivering a container to a consumer
/// until <c>StreamPullingAgentOptions.MaxEventDeliveryTime</c> has passed, then calls this handler and, for an
/// explicit subscription whose handler says so, faults the subscription; otherwise it moves on, skipping the
/// container. The log stream provider sets that time to infinite (the agent retries until the consumer succeeds, and
/// the stream waits), and if an application sets a finite one this handler logs an error naming the stream and the
/// first offset given up on and faults explicit subscriptions, so a consumer is never left having silently missed
/// records. Orleans never faults implicit subscriptions: with a finite time they skip, loudly.
/// </summary>
internal sealed partial class LogStreamDeliveryFailureHandler(ILogger logger) : IStreamFailureHandler
{
    public bool ShouldFaultSubsriptionOnError => true;

    public Task OnDeliveryFailure(GuidId subscriptionId, string streamProviderName, StreamId streamId, StreamSequenceToken? sequenceToken)
    {
        LogDeliveryFailed(logger, streamProviderName, streamId, subscriptionId.Guid, sequenceToken?.ToString() ?? "unknown");
        return Task.CompletedTask;
    }

    public Task OnSubscriptionFailure(GuidId subscriptionId, string streamProviderName, StreamId streamId, StreamSequenceToken? sequenceToken)
    {
        LogDeliveryFailed(logger, streamProviderName, streamId, subscriptionId.Guid, sequenceToken?.ToString() ?? "unknown");
        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = LogStreamEventIds.DeliveryFailed, Level = LogLevel.Error,
        Message = "Log stream provider {Provider} gave up delivering stream {StreamId} to subscription {SubscriptionId} at {Token}: "
            + "explicit subscriptions are faulted; implicit ones miss the records from there (set MaxEventDeliveryTime back to infinite to wait instead)")]
    private static partial void LogDeliveryFailed(ILogger logger, string provider, StreamId streamId, Guid subscriptionId, string token);
}
