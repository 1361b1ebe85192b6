using System.Net;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Grainflow.Streaming.AzureBlob.Faults;

namespace Grainflow.Streaming.AzureBlob.Tests.Faults;

public sealed class FlakyBlobPolicyTests
{
    [Fact]
    public async Task ProcessAsync_RateZero_ForwardsEveryRequest()
    {
        var inner = new CountingOkHandler();
        var pipeline = Pipeline(inner, new FlakyBlobPolicy(seed: 1));

        var outcomes = await SendManyAsync(pipeline, 50);

        Assert.All(outcomes, o => Assert.Equal("201", o));
        Assert.Equal(50, inner.Count);
    }

    [Fact]
    public async Task ProcessAsync_RateOneServiceUnavailableOnly_AnswersEvery503WithoutForwarding()
    {
        var inner = new CountingOkHandler();
        var flaky = new FlakyBlobPolicy(seed: 1) { FailureRate = 1, Faults = BlobFaultKinds.ServiceUnavailable };
        var pipeline = Pipeline(inner, flaky);

        var outcomes = await SendManyAsync(pipeline, 20);

        Assert.All(outcomes, o => Assert.Equal("503 ServerBusy", o));
        Assert.Equal(0, inner.Count);
        Assert.Equal(20, flaky.InjectedFaultCount);
    }

    [Fact]
    public async Task ProcessAsync_SameSeed_SameFaultSequence()
    {
        var first = await OutcomesAsync(seed: 42);
        var second = await OutcomesAsync(seed: 42);
        var other = await OutcomesAsync(seed: 43);

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
        Assert.InRange(first.Count(o => o != "201"), 60, 140);
        Assert.Contains("503 ServerBusy", first);
        Assert.Contains("500 InternalError", first);
        Assert.Contains("0 ConnectionError", first);
    }

    [Fact]
    public async Task ProcessAsync_ResponseLost_ForwardsThenFailsAsATransportFailure()
    {
        var inner = new CountingOkHandler();
        var pipeline = Pipeline(inner, new FlakyBlobPolicy(seed: 1) { FailureRate = 1, Faults = BlobFaultKinds.ResponseLost });

        var outcomes = await SendManyAsync(pipeline, 1);

        Assert.Equal(["0 ResponseEnded"], outcomes);
        Assert.Equal(1, inner.Count);
    }

    [Fact]
    public async Task ProcessAsync_FilterExcludesRequest_NeverFailsIt()
    {
        var inner = new CountingOkHandler();
        var pipeline = Pipeline(inner, new FlakyBlobPolicy(seed: 1) { FailureRate = 1, Filter = r => r.Method == RequestMethod.Put });

        var outcomes = await SendManyAsync(pipeline, 10);

        Assert.All(outcomes, o => Assert.Equal("201", o));
        Assert.Equal(10, inner.Count);
    }

    private static HttpPipeline Pipeline(CountingOkHandler inner, FlakyBlobPolicy flaky) =>
        new(new HttpClientTransport(inner), [flaky]);

    private static Task<List<string>> OutcomesAsync(int seed) =>
        SendManyAsync(Pipeline(new CountingOkHandler(), new FlakyBlobPolicy(seed) { FailureRate = 0.5 }), 200);

    // "201", "503 ServerBusy" (status and error code), or "0 ConnectionError" (a transport failure and its kind).
    private static async Task<List<string>> SendManyAsync(HttpPipeline pipeline, int count)
    {
        var outcomes = new List<string>();
        for (var i = 0; i < count; i++)
        {
            using var message = pipeline.CreateMessage();
            message.Request.Method = RequestMethod.Get;
            message.Request.Uri.Reset(new Uri("http://127.0.0.1:1/devstoreaccount1/c/b"));
            try
            {
                await pipeline.SendAsync(message, CancellationToken.None);
                var status = message.Response.Status;
                outcomes.Add(message.Response.Headers.TryGetValue("x-ms-error-code", out var code) ? $"{status} {code}" : $"{status}");
            }
            catch (RequestFailedException e) when (e.InnerException is HttpRequestException transport)
            {
                outcomes.Add($"{e.Status} {transport.HttpRequestError}");
            }
        }

        return outcomes;
    }

    private sealed class CountingOkHandler : HttpMessageHandler
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _count);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.Created) { RequestMessage = request });
        }
    }
}
