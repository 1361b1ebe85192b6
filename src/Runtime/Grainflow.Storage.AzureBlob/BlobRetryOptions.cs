namespace Grainflow.Storage.AzureBlob;

/// <summary>
/// How transient failures (408, 429, 500, 502, 503, 504, timeouts, dropped connections) are retried.
/// Any other failure, including every 409 and 412, is never retried.
/// </summary>
public sealed class BlobRetryOptions
{
    /// <summary>Retries after the first attempt; 0 disables retrying. Default 4.</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>Backoff before the first retry; doubles per retry, with ±20% jitter. Default 0.8 s.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.FromSeconds(0.8);

    /// <summary>Upper bound of a computed backoff. A server's <c>Retry-After</c> is honoured even when longer. Default 30 s.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time allowed for one attempt until response headers arrive; a timeout counts as transient. Default 100 s.</summary>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(100);
}
