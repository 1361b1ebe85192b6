using System.Net;
using Azure;
using Grainflow.Storage.AzureBlob.Models;
using Grainflow.Storage.AzureBlob.Tests.Fakes;

namespace Grainflow.Storage.AzureBlob.Tests.Unit;

public sealed class RetryTests
{
    private static readonly TimeSpan s_networkTimeout = TimeSpan.FromSeconds(100);

    private readonly ManualTimeProvider _time = new(TestPipelines.Start);
    private readonly FakeHttpMessageHandler _handler;

    public RetryTests() => _handler = new FakeHttpMessageHandler(_time);

    [Fact]
    public async Task UploadAsync_ServiceUnavailableWithRetryAfter_WaitsExactlyRetryAfterThenSucceeds()
    {
        _handler.Then(HttpStatusCode.ServiceUnavailable, "ServerBusy", ("Retry-After", "7")).Then(HttpStatusCode.Created);
        var blob = TestPipelines.CreateBlobClient(_handler, _time);

        var upload = blob.UploadAsync(BinaryData.FromString("payload"));
        await _time.WaitForTimerAsync(TimeSpan.FromSeconds(7));
        Assert.Single(_handler.Requests);
        _time.Advance(TimeSpan.FromSeconds(7));
        await upload;

        Assert.Equal(2, _handler.Requests.Count);
        Assert.Equal(TestPipelines.Start + TimeSpan.FromSeconds(7), _handler.Requests[1].SentAt);
        Assert.Equal("payload"u8.ToArray(), _handler.Requests[1].Body);
        Assert.Equal("Sat, 21 Nov 2026 12:00:07 GMT", _handler.Requests[1].Headers["x-ms-date"]);
    }

    [Fact]
    public async Task UploadAsync_PreconditionFailed_ThrowsWithoutRetry()
    {
        _handler.Then(HttpStatusCode.PreconditionFailed, "ConditionNotMet");
        var blob = TestPipelines.CreateBlobClient(_handler, _time);

        var error = await Assert.ThrowsAsync<BlobStorageException>(() =>
            blob.UploadAsync(BinaryData.FromString("x"), new BlobUploadOptions { Conditions = new() { IfMatch = new ETag("0x1") } }));

        Assert.True(error.IsPreconditionFailed);
        Assert.False(error.IsConflict);
        Assert.Equal(412, error.Status);
        Assert.Equal("ConditionNotMet", error.ErrorCode);
        Assert.Single(_handler.Requests);
        Assert.Equal("\"0x1\"", _handler.Requests[0].Headers["If-Match"]);
        Assert.All(_time.ScheduledDueTimes, due => Assert.Equal(s_networkTimeout, due));
        Assert.Equal(
            "PutBlob PUT http://127.0.0.1:10000/devstoreaccount1/c/b failed: 412 Precondition Failed (ConditionNotMet). Fake ConditionNotMet.",
            error.Message);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.Conflict)]
    [InlineData(HttpStatusCode.RequestedRangeNotSatisfiable)]
    [InlineData(HttpStatusCode.NotImplemented)]
    public async Task GetPropertiesAsync_NonTransientStatus_ThrowsAfterOneAttempt(HttpStatusCode status)
    {
        _handler.Then(status, "SomeError");
        var blob = TestPipelines.CreateBlobClient(_handler, _time);

        var error = await Assert.ThrowsAsync<BlobStorageException>(() => blob.GetPropertiesAsync());

        Assert.Equal((int)status, error.Status);
        Assert.Equal("SomeError", error.ErrorCode);
        Assert.Single(_handler.Requests);
    }

    [Theory]
    [InlineData(HttpStatusCode.RequestTimeout)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task GetPropertiesAsync_TransientStatusOnce_RetriesAfterBaseDelay(HttpStatusCode status)
    {
        _handler.Then(status).Then(HttpStatusCode.OK);
        var blob = TestPipelines.CreateBlobClient(_handler, _time);

        var properties = blob.GetPropertiesAsync();
        await _time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        _time.Advance(TimeSpan.FromSeconds(1));
        await properties;

        Assert.Equal(2, _handler.Requests.Count);
    }

    [Fact]
    public async Task DeleteAsync_AlwaysUnavailable_StopsAfterMaxRetriesWithExponentialBackoff()
    {
        _handler.Then(HttpStatusCode.ServiceUnavailable, "ServerBusy");
        var blob = TestPipelines.CreateBlobClient(_handler, _time, maxRetries: 3);

        var delete = blob.DeleteAsync();
        foreach (var seconds in new[] { 1, 2, 4 })
        {
            await _time.WaitForTimerAsync(TimeSpan.FromSeconds(seconds));
            _time.Advance(TimeSpan.FromSeconds(seconds));
        }

        var error = await Assert.ThrowsAsync<BlobStorageException>(() => delete);
        Assert.Equal(503, error.Status);
        Assert.Equal("ServerBusy", error.ErrorCode);
        Assert.Equal(4, _handler.Requests.Count);
        Assert.Equal(
            [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)],
            _time.ScheduledDueTimes.Where(due => due != s_networkTimeout));
    }

    [Fact]
    public async Task DeleteAsync_ManyRetries_BackoffCappedAtMaxDelay()
    {
        _handler.Then(HttpStatusCode.InternalServerError);
        var blob = TestPipelines.CreateBlobClient(_handler, _time, maxRetries: 6);

        var delete = blob.DeleteAsync();
        foreach (var seconds in new[] { 1, 2, 4, 8, 10, 10 })
        {
            await _time.WaitForTimerAsync(TimeSpan.FromSeconds(seconds));
            _time.Advance(TimeSpan.FromSeconds(seconds));
        }

        await Assert.ThrowsAsync<BlobStorageException>(() => delete);
        Assert.Equal(7, _handler.Requests.Count);
    }

    [Fact]
    public async Task UploadAsync_ConnectionDropped_RetriesWithSameBody()
    {
        _handler.ThenThrow(new HttpRequestException("Connection reset by peer")).Then(HttpStatusCode.Created);
        var blob = TestPipelines.CreateBlobClient(_handler, _time);

        var upload = blob.UploadAsync(BinaryData.FromString("replayable"));
        await _time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        _time.Advance(TimeSpan.FromSeconds(1));
        var info = await upload;

        Assert.Equal(new ETag("0x1"), info.ETag);
        Assert.Equal(2, _handler.Requests.Count);
        Assert.Equal(_handler.Requests[0].Body, _handler.Requests[1].Body);
        Assert.NotEqual(_handler.Requests[0].Headers["x-ms-client-request-id"], _handler.Requests[1].Headers["x-ms-client-request-id"]);
    }

    [Fact]
    public async Task GetPropertiesAsync_ConnectionAlwaysRefused_ThrowsStatusZeroAfterBudget()
    {
        _handler.ThenThrow(new HttpRequestException("Connection refused (127.0.0.1:10000)"));
        var blob = TestPipelines.CreateBlobClient(_handler, _time, maxRetries: 1);

        var properties = blob.GetPropertiesAsync();
        await _time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        _time.Advance(TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<BlobStorageException>(() => properties);
        Assert.Equal(0, error.Status);
        Assert.IsType<HttpRequestException>(error.InnerException);
        Assert.Equal(2, _handler.Requests.Count);
        Assert.Equal(
            "GetBlobProperties HEAD http://127.0.0.1:10000/devstoreaccount1/c/b got no response after 2 attempt(s): Connection refused (127.0.0.1:10000)",
            error.Message);
    }

    [Fact]
    public async Task GetPropertiesAsync_AttemptTimesOut_IsRetried()
    {
        _handler
            .Then(async (_, token) =>
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, token);
                throw new InvalidOperationException("unreachable");
            })
            .Then(HttpStatusCode.OK);
        var blob = TestPipelines.CreateBlobClient(_handler, _time);

        var properties = blob.GetPropertiesAsync();
        await _time.WaitForTimerAsync(s_networkTimeout);
        _time.Advance(s_networkTimeout);
        await _time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        _time.Advance(TimeSpan.FromSeconds(1));
        await properties;

        Assert.Equal(2, _handler.Requests.Count);
    }

    [Fact]
    public async Task GetPropertiesAsync_CallerCancelsDuringBackoff_ThrowsOperationCanceled()
    {
        _handler.Then(HttpStatusCode.ServiceUnavailable);
        var blob = TestPipelines.CreateBlobClient(_handler, _time);
        using var cancellation = new CancellationTokenSource();

        var properties = blob.GetPropertiesAsync(cancellationToken: cancellation.Token);
        await _time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => properties);
        Assert.Single(_handler.Requests);
    }
}
