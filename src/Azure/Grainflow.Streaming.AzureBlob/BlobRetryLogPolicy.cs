using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Logging;

namespace Grainflow.Streaming.AzureBlob;

/// <summary>
/// Logs the attempts the SDK's retry policy will retry, without a warning per attempt while the store is down: every
/// request of every client sharing the options fails then, so the first failure of such a run and every
/// <see cref="LogInterval"/>-th are warnings, the rest Debug, and the first answer after them says how many there were.
/// Runs once per attempt (<see cref="HttpPipelinePosition.PerRetry"/>). Names the method and path, never the query.
/// </summary>
internal sealed partial class BlobRetryLogPolicy(ILogger logger) : HttpPipelinePolicy
{
    private const int LogInterval = 50;

    private int _failuresInARow;

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        try
        {
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        }
        catch (Exception e) when (message.ResponseClassifier.IsRetriable(message, e))
        {
            OnTransientFailure(message, e.GetType().Name);
            throw;
        }

        OnResponse(message);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        try
        {
            ProcessNext(message, pipeline);
        }
        catch (Exception e) when (message.ResponseClassifier.IsRetriable(message, e))
        {
            OnTransientFailure(message, e.GetType().Name);
            throw;
        }

        OnResponse(message);
    }

    private void OnResponse(HttpMessage message)
    {
        if (message.ResponseClassifier.IsRetriableResponse(message))
        {
            OnTransientFailure(message, message.Response.Status.ToString(CultureInfo.InvariantCulture));
        }
        else if (Volatile.Read(ref _failuresInARow) != 0 && Interlocked.Exchange(ref _failuresInARow, 0) is var failures and > 0)
        {
            // Any answer that is not transient, a 404 or 409 included, means the store is reachable again.
            LogRecovered(logger, message.Request.Method, message.Request.Uri.Path, failures);
        }
    }

    private void OnTransientFailure(HttpMessage message, string reason)
    {
        var failuresInARow = Interlocked.Increment(ref _failuresInARow);
        if (failuresInARow == 1 || failuresInARow % LogInterval == 0)
        {
            LogTransientFailure(logger, message.Request.Method, message.Request.Uri.Path, reason, failuresInARow, LogInterval);
        }
        else
        {
            LogTransientFailureQuietly(logger, message.Request.Method, message.Request.Uri.Path, reason, failuresInARow);
        }
    }

    [LoggerMessage(
        EventId = BlobCheckpointStorageEventIds.TransientFailure,
        Level = LogLevel.Warning,
        Message = "{Method} {Path} failed ({Reason}); retried while retries remain (transient failures in a row: {FailuresInARow}; until the store answers, only every {LogInterval}th is a warning)")]
    private static partial void LogTransientFailure(ILogger logger, RequestMethod method, string path, string reason, int failuresInARow, int logInterval);

    [LoggerMessage(
        EventId = BlobCheckpointStorageEventIds.TransientFailureQuiet,
        Level = LogLevel.Debug,
        Message = "{Method} {Path} failed ({Reason}); retried while retries remain (transient failures in a row: {FailuresInARow})")]
    private static partial void LogTransientFailureQuietly(ILogger logger, RequestMethod method, string path, string reason, int failuresInARow);

    [LoggerMessage(
        EventId = BlobCheckpointStorageEventIds.StoreAnswersAgain,
        Level = LogLevel.Information,
        Message = "The store answers again ({Method} {Path}) after {Failures} transient failure(s) in a row")]
    private static partial void LogRecovered(ILogger logger, RequestMethod method, string path, int failures);
}
