using System.Globalization;
using System.Net;

namespace Grainflow.Storage.AzureBlob.Internal;

/// <summary>Decides which failures are transient and how long to back off before the next attempt.</summary>
internal sealed class RetryPolicy
{
    private readonly BlobRetryOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly Func<double> _nextJitter;

    /// <param name="options">Retry budget and delays.</param>
    /// <param name="timeProvider">Clock for absolute Retry-After dates.</param>
    /// <param name="nextJitter">Returns a value in [0, 1); tests pass a fixed one.</param>
    public RetryPolicy(BlobRetryOptions options, TimeProvider timeProvider, Func<double>? nextJitter = null)
    {
        _options = options;
        _timeProvider = timeProvider;
        _nextJitter = nextJitter ?? Random.Shared.NextDouble;
    }

    public int MaxRetries => _options.MaxRetries;

    public TimeSpan NetworkTimeout => _options.NetworkTimeout;

    /// <summary>408, 429 and the 5xx answers a storage front end gives when it is busy or a back end is down. 501 and 505 are permanent.</summary>
    public static bool IsTransient(HttpStatusCode status) => (int)status is 408 or 429 or 500 or 502 or 503 or 504;

    /// <summary>The delay before retry number <paramref name="retry"/> (1-based): the server's Retry-After when it sent one, else exponential backoff with ±20% jitter, capped.</summary>
    public TimeSpan GetDelay(int retry, HttpResponseMessage? response)
    {
        if (response is not null && RetryAfter(response) is { } serverDelay)
        {
            return serverDelay;
        }

        var exponential = _options.Delay.TotalMilliseconds * Math.Pow(2, Math.Min(retry - 1, 30));
        var jittered = exponential * (0.8 + (0.4 * _nextJitter()));
        return TimeSpan.FromMilliseconds(Math.Min(jittered, _options.MaxDelay.TotalMilliseconds));
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        foreach (var name in (ReadOnlySpan<string>)["x-ms-retry-after-ms", "retry-after-ms"])
        {
            if (HttpHeaderReader.Get(response, name) is { } ms && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0)
            {
                return TimeSpan.FromMilliseconds(value);
            }
        }

        if (response.Headers.RetryAfter is { } retryAfter)
        {
            if (retryAfter.Delta is { } delta)
            {
                return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
            }

            if (retryAfter.Date is { } date)
            {
                var wait = date - _timeProvider.GetUtcNow();
                return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
            }
        }

        return null;
    }
}
