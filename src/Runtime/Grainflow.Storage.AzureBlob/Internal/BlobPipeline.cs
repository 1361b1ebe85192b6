using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Grainflow.Storage.AzureBlob.Internal;

/// <summary>
/// Sends <see cref="BlobRequest"/>s: stamps version, date and client request id, authenticates, retries transient
/// failures with backoff, and turns every other failure into a <see cref="BlobStorageException"/>.
/// Thread-safe; one instance is shared by a service client and all clients made from it.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable",
    Justification = "The invoker is created with disposeHandler: false and holds nothing else; like Azure SDK clients, the clients sharing this pipeline are not disposable.")]
internal sealed partial class BlobPipeline
{
    private static readonly Lazy<SocketsHttpHandler> s_sharedHandler = new(static () => new SocketsHttpHandler
    {
        // Bounded connection lifetime so DNS changes (storage front-end failover) are picked up.
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = DecompressionMethods.None,
    });

    // While the service is unreachable every request of every client sharing this pipeline retries: the first retry
    // of such a run, and every RetryLogInterval-th, is a warning; the rest are Debug, and the first success says how many.
    private const int RetryLogInterval = 50;

    private readonly HttpMessageInvoker _invoker;
    private readonly IBlobAuthenticator _authenticator;
    private readonly RetryPolicy _retry;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private int _transientFailures;

    public BlobPipeline(BlobClientOptions options, IBlobAuthenticator authenticator, RetryPolicy? retry = null)
    {
        _invoker = new HttpMessageInvoker(options.Transport ?? s_sharedHandler.Value, disposeHandler: false);
        _authenticator = authenticator;
        _timeProvider = options.TimeProvider;
        _retry = retry ?? new RetryPolicy(options.Retry, options.TimeProvider);
        _logger = options.LoggerFactory?.CreateLogger("Grainflow.Storage.AzureBlob") ?? NullLogger.Instance;
        ServiceVersion = options.ServiceVersion;
        TimeProvider = options.TimeProvider;
    }

    public string ServiceVersion { get; }

    public TimeProvider TimeProvider { get; }

    /// <summary>
    /// Sends the request and returns a successful response, which the caller disposes. The body is already buffered
    /// unless <see cref="BlobRequest.StreamResponse"/> is set.
    /// </summary>
    /// <exception cref="BlobStorageException">The service answered with an error, or transient failures outlived the retry budget.</exception>
    public async Task<HttpResponseMessage> SendAsync(BlobRequest request, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            HttpResponseMessage? response = null;
            Exception? transportFailure = null;
            try
            {
                response = await SendOnceAsync(request, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    if (Volatile.Read(ref _transientFailures) != 0 && Interlocked.Exchange(ref _transientFailures, 0) is var failures and > 0)
                    {
                        LogRecovered(_logger, request, failures);
                    }

                    return response;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                response?.Dispose();
                throw;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
            {
                // No usable response: refused or dropped connection, or the attempt's own network timeout.
                response?.Dispose();
                response = null;
                transportFailure = e;
            }

            var transient = transportFailure is not null || RetryPolicy.IsTransient(response!.StatusCode);
            if (!transient || attempt > _retry.MaxRetries)
            {
                var status = transportFailure is null ? (int)response!.StatusCode : 0;
                LogRequestFailed(_logger, request, status, attempt);

                if (transportFailure is not null)
                {
                    throw BlobErrors.FromTransportFailure(request, attempt, transportFailure);
                }

                using (response)
                {
                    throw await BlobErrors.FromResponseAsync(request, response!, cancellationToken).ConfigureAwait(false);
                }
            }

            var delay = _retry.GetDelay(attempt, response);
            var reason = transportFailure is null
                ? ((int)response!.StatusCode).ToString(CultureInfo.InvariantCulture)
                : transportFailure.GetType().Name;
            response?.Dispose();
            var failuresInARow = Interlocked.Increment(ref _transientFailures);
            if (failuresInARow == 1 || failuresInARow % RetryLogInterval == 0)
            {
                LogRetrying(_logger, request, attempt, reason, delay, failuresInARow, RetryLogInterval);
            }
            else
            {
                LogRetryingQuietly(_logger, request, attempt, reason, delay, failuresInARow);
            }

            await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<HttpResponseMessage> SendOnceAsync(BlobRequest request, CancellationToken cancellationToken)
    {
        using var message = request.CreateMessage();
        message.Headers.TryAddWithoutValidation("x-ms-version", ServiceVersion);
        message.Headers.TryAddWithoutValidation("x-ms-date", _timeProvider.GetUtcNow().ToString("R", CultureInfo.InvariantCulture));
        message.Headers.TryAddWithoutValidation("x-ms-client-request-id", Guid.NewGuid().ToString());
        await _authenticator.AuthenticateAsync(message, cancellationToken).ConfigureAwait(false);

        using var timeout = new CancellationTokenSource(_retry.NetworkTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var response = await _invoker.SendAsync(message, linked.Token).ConfigureAwait(false);
        if (!request.StreamResponse || !response.IsSuccessStatusCode)
        {
            try
            {
                // Buffered inside the attempt so a connection dropped mid-body is retried like any other transport failure.
                await response.Content.LoadIntoBufferAsync(linked.Token).ConfigureAwait(false);
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }

        return response;
    }
}
