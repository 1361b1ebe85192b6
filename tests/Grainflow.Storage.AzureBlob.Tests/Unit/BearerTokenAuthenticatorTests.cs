using System.Net;
using Grainflow.Storage.AzureBlob.Internal;
using Grainflow.Storage.AzureBlob.Tests.Fakes;

namespace Grainflow.Storage.AzureBlob.Tests.Unit;

public sealed class BearerTokenAuthenticatorTests
{
    private readonly ManualTimeProvider _time = new(TestPipelines.Start);

    [Fact]
    public async Task AuthenticateAsync_TokenFresh_ReusesCachedTokenForStorageScope()
    {
        var credential = new FakeTokenCredential(_time, TimeSpan.FromHours(1));
        using var authenticator = new BearerTokenAuthenticator(credential, _time);

        var first = await AuthorizationAsync(authenticator);
        _time.Advance(TimeSpan.FromMinutes(54));
        var second = await AuthorizationAsync(authenticator);

        Assert.Equal("Bearer secret-token-1", first);
        Assert.Equal("Bearer secret-token-1", second);
        Assert.Equal(1, credential.Issued);
        Assert.Equal(["https://storage.azure.com/.default"], Assert.Single(credential.RequestedScopes));
    }

    [Fact]
    public async Task AuthenticateAsync_WithinRefreshMarginOfExpiry_FetchesNewToken()
    {
        var credential = new FakeTokenCredential(_time, TimeSpan.FromHours(1));
        using var authenticator = new BearerTokenAuthenticator(credential, _time);

        await AuthorizationAsync(authenticator);
        _time.Advance(TimeSpan.FromMinutes(55));
        var refreshed = await AuthorizationAsync(authenticator);

        Assert.Equal("Bearer secret-token-2", refreshed);
        Assert.Equal(2, credential.Issued);
    }

    [Fact]
    public async Task SendAsync_TokenCredentialClient_SendsBearerOnEveryRequest()
    {
        var handler = new FakeHttpMessageHandler(_time).Then(HttpStatusCode.Created);
        var credential = new FakeTokenCredential(_time, TimeSpan.FromHours(1));
        var service = new BlobServiceClient(new Uri("https://acct.blob.core.windows.net"), credential, new BlobClientOptions { Transport = handler, TimeProvider = _time });

        await service.GetBlobContainerClient("c").CreateAsync();
        await service.GetBlobContainerClient("d").CreateAsync();

        Assert.All(handler.Requests, r => Assert.Equal("Bearer secret-token-1", r.Headers["Authorization"]));
        Assert.Equal(1, credential.Issued);
    }

    [Fact]
    public void Constructor_TokenCredentialOverHttp_Throws()
    {
        var credential = new FakeTokenCredential(_time, TimeSpan.FromHours(1));

        Assert.Throws<ArgumentException>(() => new BlobServiceClient(new Uri("http://127.0.0.1:10000/devstoreaccount1"), credential));
        Assert.Equal(0, credential.Issued);
    }

    private static async Task<string> AuthorizationAsync(BearerTokenAuthenticator authenticator)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, "https://acct.blob.core.windows.net/c");
        await authenticator.AuthenticateAsync(message, CancellationToken.None);
        return Assert.Single(message.Headers.NonValidated["Authorization"]);
    }
}
