using System.Net;
using Grainflow.Storage.AzureBlob.Internal;
using Grainflow.Storage.AzureBlob.Tests.Fakes;

namespace Grainflow.Storage.AzureBlob.Tests.Unit;

public sealed class RedactionTests
{
    private const string Signature = "S3cr3tSignatureValue%2Bxyz%3D";
    private const string Sas = "sv=2025-05-05&ss=b&srt=co&sp=rl&se=2030-01-01T00%3A00%3A00Z&sig=" + Signature;

    private readonly ManualTimeProvider _time = new(TestPipelines.Start);

    [Theory]
    [InlineData("https://a.blob.core.windows.net/c/b?sv=1&sig=abc%2B%3D&se=2", "https://a.blob.core.windows.net/c/b?sv=1&sig=REDACTED&se=2")]
    [InlineData("https://a.blob.core.windows.net/c?SIG=abc", "https://a.blob.core.windows.net/c?SIG=REDACTED")]
    [InlineData("BlobEndpoint=https://a/;SharedAccessSignature=sv=1&sig=abc;", "BlobEndpoint=https://a/;SharedAccessSignature=sv=1&sig=REDACTED;")]
    [InlineData("sig=abc&sv=1", "sig=REDACTED&sv=1")]
    [InlineData("https://a/c/b?design=1", "https://a/c/b?design=1")]
    public void Redact_TextWithSignature_ReplacesOnlyTheSignature(string text, string expected) =>
        Assert.Equal(expected, UrlRedactor.Redact(text));

    [Fact]
    public async Task SendAsync_SasClientFailsAndRetries_NoSignatureInExceptionOrLogs()
    {
        var logs = new CapturingLoggerFactory();
        var handler = new FakeHttpMessageHandler(_time).Then(HttpStatusCode.ServiceUnavailable).Then(HttpStatusCode.Forbidden, "AuthenticationFailed");
        var blob = TestPipelines.CreateBlobClient(handler, _time, logs: logs, sas: Sas);

        var download = blob.DownloadContentAsync();
        await _time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        _time.Advance(TimeSpan.FromSeconds(1));
        var error = await Assert.ThrowsAsync<BlobStorageException>(() => download);

        Assert.Contains("sig=" + Signature, handler.Requests[0].Uri.OriginalString, StringComparison.Ordinal);
        Assert.DoesNotContain("S3cr3t", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, logs.Lines.Count);
        Assert.All(logs.Lines, line => Assert.DoesNotContain("S3cr3t", line, StringComparison.Ordinal));
        Assert.Contains("GetBlob GET http://127.0.0.1:10000/devstoreaccount1/c/b attempt 1 failed (503)", logs.Lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_ClientsBuiltFromSasUri_ShowNoSignature()
    {
        var service = new BlobServiceClient(new Uri("https://acct.blob.core.windows.net/?" + Sas));
        var container = service.GetBlobContainerClient("c");
        var blob = container.GetBlobClient("dir/b");

        Assert.Equal("BlobServiceClient { Uri = https://acct.blob.core.windows.net/ }", service.ToString());
        Assert.Equal(new Uri("https://acct.blob.core.windows.net/c/dir/b"), blob.Uri);
        Assert.Equal("acct", service.AccountName);
        Assert.DoesNotContain("S3cr3t", container.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("S3cr3t", blob.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_SharedKeyCredential_ShowsAccountButNotKey()
    {
        var credential = new StorageSharedKeyCredential("devstoreaccount1", BlobConnectionString.DevelopmentAccountKey);

        Assert.Equal("StorageSharedKeyCredential { AccountName = devstoreaccount1 }", credential.ToString());
    }

    [Fact]
    public void ToString_ParsedSasConnectionString_ShowsNoSignature()
    {
        var parsed = BlobConnectionString.Parse("BlobEndpoint=https://acct.blob.core.windows.net/;SharedAccessSignature=" + Sas);

        Assert.DoesNotContain("S3cr3t", parsed.ToString(), StringComparison.Ordinal);
        Assert.Contains("sig=REDACTED", parsed.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_InvalidAccountKey_MessageDoesNotEchoKey()
    {
        var error = Assert.Throws<ArgumentException>(() => new StorageSharedKeyCredential("a", "not*base64*secret"));

        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthenticateAsync_BearerToken_NeverInExceptionOrLogs()
    {
        var logs = new CapturingLoggerFactory();
        var handler = new FakeHttpMessageHandler(_time).Then(HttpStatusCode.Forbidden, "AuthorizationPermissionMismatch");
        var options = new BlobClientOptions { Transport = handler, TimeProvider = _time, LoggerFactory = logs };
        var service = new BlobServiceClient(new Uri("https://acct.blob.core.windows.net"), new FakeTokenCredential(_time, TimeSpan.FromHours(1)), options);

        var error = await Assert.ThrowsAsync<BlobStorageException>(() => service.GetBlobContainerClient("c").CreateAsync());

        Assert.Equal("Bearer secret-token-1", handler.Requests[0].Headers["Authorization"]);
        Assert.DoesNotContain("secret-token", error.ToString(), StringComparison.Ordinal);
        Assert.All(logs.Lines, line => Assert.DoesNotContain("secret-token", line, StringComparison.Ordinal));
    }
}
