using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Grainflow.Streaming.AzureBlob.Faults;

/// <summary>
/// A pipeline policy that fails a share of blob requests and delays all of them, for fault-injection tests and demos
/// (in the spirit of a simulated flaky device). Add it per retry, so that the SDK's retry policy sees each injected
/// failure as it would see a real one: <c>options.AddPolicy(flaky, HttpPipelinePosition.PerRetry)</c>. Decisions come
/// from a seeded <see cref="Random"/>, so a sequential run is reproducible. Thread-safe; settings may be changed while
/// requests are in flight (e.g. healthy setup, then faults).
/// </summary>
/// <remarks>Never use it in production. Its injected failures name the request's method only, never the address.</remarks>
public sealed class FlakyBlobPolicy : HttpPipelinePolicy
{
    private readonly Lock _lock = new();
    private readonly Random _random;
    private double _failureRate;
    private int _requestCount;
    private int _injectedFaultCount;

    /// <param name="seed">Seed of the fault and latency decisions.</param>
    public FlakyBlobPolicy(int seed)
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
    public Func<Request, bool>? Filter { get; set; }

    /// <summary>Clock for the added latency. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Requests (attempts) seen so far.</summary>
    public int RequestCount => Volatile.Read(ref _requestCount);

    /// <summary>Faults injected so far.</summary>
    public int InjectedFaultCount => Volatile.Read(ref _injectedFaultCount);

    /// <inheritdoc/>
    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var fault = Decide(message, out var latency);
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, TimeProvider, message.CancellationToken).ConfigureAwait(false);
        }

        if (fault is BlobFaultKinds.None or BlobFaultKinds.ResponseLost)
        {
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        }

        Inject(message, fault);
    }

    /// <inheritdoc/>
    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var fault = Decide(message, out var latency);
        if (latency > TimeSpan.Zero)
        {
            Task.Delay(latency, TimeProvider, message.CancellationToken).GetAwaiter().GetResult();
        }

        if (fault is BlobFaultKinds.None or BlobFaultKinds.ResponseLost)
        {
            ProcessNext(message, pipeline);
        }

        Inject(message, fault);
    }

    private static void Inject(HttpMessage message, BlobFaultKinds fault)
    {
        switch (fault)
        {
            case BlobFaultKinds.ServiceUnavailable:
                message.Response = new InjectedResponse(message.Request.ClientRequestId, 503, "Server Busy", "ServerBusy");
                break;
            case BlobFaultKinds.InternalError:
                message.Response = new InjectedResponse(message.Request.ClientRequestId, 500, "Internal Server Error", "InternalError");
                break;
            case BlobFaultKinds.ConnectionDropped:
                // As the SDK's HTTP transport reports a failed connection: status 0, which its retry policy retries.
                throw new RequestFailedException(
                    $"Injected fault: the connection dropped before {message.Request.Method} was sent.",
                    new HttpRequestException(HttpRequestError.ConnectionError));
            case BlobFaultKinds.ResponseLost:
                message.Response.Dispose();
                throw new RequestFailedException(
                    $"Injected fault: the response to {message.Request.Method} was lost after the service applied it.",
                    new HttpRequestException(HttpRequestError.ResponseEnded));
        }
    }

    private BlobFaultKinds Decide(HttpMessage message, out TimeSpan latency)
    {
        Interlocked.Increment(ref _requestCount);
        var eligible = Filter?.Invoke(message.Request) ?? true;
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

        BlobFaultKinds fault;
        lock (_lock)
        {
            // Every request draws the same numbers whether or not it is eligible, so a filter does not shift the sequence.
            var roll = _random.NextDouble();
            var pick = _random.NextDouble();
            var spread = _random.NextDouble();
            fault = eligible && count > 0 && roll < FailureRate ? kinds[Math.Min((int)(pick * count), count - 1)] : BlobFaultKinds.None;
            latency = MinLatency + ((MaxLatency - MinLatency) * spread);
        }

        if (latency < TimeSpan.Zero)
        {
            latency = TimeSpan.Zero;
        }

        if (fault != BlobFaultKinds.None)
        {
            Interlocked.Increment(ref _injectedFaultCount);
        }

        return fault;
    }
}
