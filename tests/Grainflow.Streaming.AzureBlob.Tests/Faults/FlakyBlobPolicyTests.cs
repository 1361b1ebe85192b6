using System.Net;
using Grainflow.Streaming.AzureBlob.Faults;

namespace Grainflow.Streaming.AzureBlob.Tests.Faults;

public sealed class FlakyBlobTransportTests
{
    [Fact]
    public async Task SendAsync_RateZero_ForwardsEveryRequest()
    {
        var inner = new CountingOkHandler();
        using var invoker = new HttpMessageInvoker(new FlakyBlobTransport(inner, seed: 1));

        var statuses = await SendManyAsync(invoker, 50);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Created, s));
        Assert.Equal(50, inner.Count);
    }

    [Fact]
    public async Task SendAsync_RateOneServiceUnavailableOnly_AnswersEvery503WithoutForwarding()
    {
        var inner = new CountingOkHandler();
        var flaky = new FlakyBlobTransport(inner, seed: 1) { FailureRate = 1, Faults = BlobFaultKinds.ServiceUnavailable };
        using var invoker = new HttpMessageInvoker(flaky);

        var statuses = await SendManyAsync(invoker, 20);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.ServiceUnavailable, s));
        Assert.Equal(0, inner.Count);
        Assert.Equal(20, flaky.InjectedFaultCount);
    }

    [Fact]
    public async Task SendAsync_SameSeed_SameFaultSequence()
    {
        var first = await OutcomesAsync(seed: 42);
        var second = await OutcomesAsync(seed: 42);
        var other = await OutcomesAsync(seed: 43);

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
        Assert.InRange(first.Count(o => o != "Created"), 60, 140);
        Assert.Contains("ServiceUnavailable", first);
        Assert.Contains("InternalServerError", first);
        Assert.Contains("ConnectionError", first);
    }

    [Fact]
    public async Task SendAsync_ResponseLost_ForwardsThenThrows()
    {
        var inner = new CountingOkHandler();
        using var invoker = new HttpMessageInvoker(new FlakyBlobTransport(inner, seed: 1) { FailureRate = 1, Faults = BlobFaultKinds.ResponseLost });

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => invoker.SendAsync(Request(), CancellationToken.None));

        Assert.Equal(HttpRequestError.ResponseEnded, error.HttpRequestError);
        Assert.Equal(1, inner.Count);
    }

    [Fact]
    public async Task SendAsync_FilterExcludesRequest_NeverFailsIt()
    {
        var inner = new CountingOkHandler();
        using var invoker = new HttpMessageInvoker(new FlakyBlobTransport(inner, seed: 1) { FailureRate = 1, Filter = r => r.Method == HttpMethod.Put });

        var statuses = await SendManyAsync(invoker, 10);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Created, s));
    }

    private static async Task<List<string>> OutcomesAsync(int seed)
    {
        using var invoker = new HttpMessageInvoker(new FlakyBlobTransport(new CountingOkHandler(), seed) { FailureRate = 0.5 });
        var outcomes = new List<string>();
        for (var i = 0; i < 200; i++)
        {
            try
            {
                using var response = await invoker.SendAsync(Request(), CancellationToken.None);
                outcomes.Add(response.StatusCode.ToString());
            }
            catch (HttpRequestException e)
            {
                outcomes.Add(e.HttpRequestError.ToString());
            }
        }

        return outcomes;
    }

    private static async Task<List<HttpStatusCode>> SendManyAsync(HttpMessageInvoker invoker, int count)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            using var response = await invoker.SendAsync(Request(), CancellationToken.None);
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }

    private static HttpRequestMessage Request() => new(HttpMethod.Get, "http://127.0.0.1:1/devstoreaccount1/c/b");

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
