using System.Net;

namespace Grainflow.Streaming.AzureBlob.Faults;

/// <summary>
/// A transport for <see cref="Grainflow.Storage.AzureBlob.BlobClientOptions.Transport"/> that fails a share of requests
/// and delays all of them, for fault-injection tests and demos (in the spirit of a simulated flaky device). Decisions come
/// from a seeded <see cref="Random"/>, so a sequential run is reproducible. Thread-safe; settings may be changed while
/// requests are in flight (e.g. healthy setup, then faults).
/// </summary>
/// <remarks>Never use it in production. Its injected failures name the operation's method only, never the address.</remarks>
public sealed class FlakyBlobTransport : DelegatingHandler
{
    private readonly Lock _lock = new();
    private readonly Random _random;
    private double _failureRate;
    private int _requestCount;
    private int _injectedFaultCount;

    /// <summary>Wraps <paramref name="inner"/> (disposed with this handler).</summary>
    /// <param name="inner">The real transport, e.g. a <see cref="SocketsHttpHandler"/>.</param>
    /// <param name="seed">Seed of the fault and latency decisions.</param>
    public FlakyBlobTransport(HttpMessageHandler inner, int seed)
        : base(inner)
    {
        _random = new Random(seed);
    }

    /// <summary>The share of eligible requests that fail, from 0 (none) to 1 (all).</summary>
    public double FailureRate
    {
        get => Volatile.Read(ref _failureRate);
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 1.0);
            Volatile.Write(ref _failureRate, value);
        }
    }

    /// <summary>Which faults are drawn from, with equal probability. Default <see cref="BlobFaultKinds.BeforeService"/>.</summary>
    public BlobFaultKinds Faults { get; set; } = BlobFaultKinds.BeforeService;

    /// <summary>The least latency added to every request. Default zero.</summary>
    public TimeSpan MinLatency { get; set; }

    /// <summary>The most latency added to every request (uniformly drawn). Default zero.</summary>
    public TimeSpan MaxLatency { get; set; }

    /// <summary>Which requests may fail; null means all. Lets a demo fail, say, only the latest-pointer updates.</summary>
    public Func<HttpRequestMessage, bool>? Filter { get; set; }

    /// <summary>Clock for the added latency. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Requests seen so far.</summary>
    public int RequestCount => Volatile.Read(ref _requestCount);

    /// <summary>Faults injected so far.</summary>
    public int InjectedFaultCount => Volatile.Read(ref _injectedFaultCount);

    /// <inheritdoc/>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requestCount);
        var (fault, latency) = Decide(Filter?.Invoke(request) ?? true);
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, TimeProvider, cancellationToken).ConfigureAwait(false);
        }

        if (fault != BlobFaultKinds.None)
        {
            Interlocked.Increment(ref _injectedFaultCount);
        }

        switch (fault)
        {
            case BlobFaultKinds.ServiceUnavailable:
                return Fail(request, HttpStatusCode.ServiceUnavailable, "ServerBusy");
            case BlobFaultKinds.InternalError:
                return Fail(request, HttpStatusCode.InternalServerError, "InternalError");
            case BlobFaultKinds.ConnectionDropped:
                throw new HttpRequestException(
                    HttpRequestError.ConnectionError, $"Injected fault: the connection dropped before {request.Method} was sent.");
            case BlobFaultKinds.ResponseLost:
                var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
                response.Dispose();
                throw new HttpRequestException(
                    HttpRequestError.ResponseEnded, $"Injected fault: the response to {request.Method} was lost after the service applied it.");
            default:
                return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }

    private (BlobFaultKinds Fault, TimeSpan Latency) Decide(bool eligible)
    {
        var faults = Faults;
        Span<BlobFaultKinds> kinds = stackalloc BlobFaultKinds[4];
        var count = 0;
        foreach (var kind in (ReadOnlySpan<BlobFaultKinds>)[BlobFaultKinds.ServiceUnavailable, BlobFaultKinds.InternalError, BlobFaultKinds.ConnectionDropped, BlobFaultKinds.ResponseLost])
        {
            if ((faults & kind) != 0)
            {
                kinds[count++] = kind;
            }
        }

        lock (_lock)
        {
            // Every request draws the same numbers whether or not it is eligible, so a filter does not shift the sequence.
            var roll = _random.NextDouble();
            var pick = _random.NextDouble();
            var spread = _random.NextDouble();
            var fault = eligible && count > 0 && roll < FailureRate ? kinds[Math.Min((int)(pick * count), count - 1)] : BlobFaultKinds.None;
            var latency = MinLatency + ((MaxLatency - MinLatency) * spread);
            return (fault, latency < TimeSpan.Zero ? TimeSpan.Zero : latency);
        }
    }

    private static HttpResponseMessage Fail(HttpRequestMessage request, HttpStatusCode status, string errorCode)
    {
        var response = new HttpResponseMessage(status) { RequestMessage = request, Content = new ByteArrayContent([]) };
        response.Headers.TryAddWithoutValidation("x-ms-error-code", errorCode);
        return response;
    }
}
