using Grainflow.Storage.AzureBlob.Internal;
using Grainflow.Storage.AzureBlob.Tests.Fakes;

namespace Grainflow.Storage.AzureBlob.Tests.Unit;

/// <summary>Clients wired to a fake transport and a manual clock, with jitter pinned to its midpoint (no jitter).</summary>
internal static class TestPipelines
{
    public static readonly DateTimeOffset Start = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    public static readonly Uri ServiceUri = new("http://127.0.0.1:10000/devstoreaccount1");

    public static BlobServiceClient CreateServiceClient(
        FakeHttpMessageHandler handler, ManualTimeProvider time, int maxRetries = 3, CapturingLoggerFactory? logs = null, string? sas = null)
    {
        var options = new BlobClientOptions { Transport = handler, TimeProvider = time, LoggerFactory = logs };
        options.Retry.MaxRetries = maxRetries;
        options.Retry.Delay = TimeSpan.FromSeconds(1);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(10);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(100);
        IBlobAuthenticator authenticator = sas is null
            ? new SharedKeyAuthenticator(new StorageSharedKeyCredential("devstoreaccount1", BlobConnectionString.DevelopmentAccountKey))
            : new SasAuthenticator(sas);
        var pipeline = new BlobPipeline(options, authenticator, new RetryPolicy(options.Retry, time, static () => 0.5));
        return new BlobServiceClient(ServiceUri, pipeline);
    }

    public static BlobClient CreateBlobClient(FakeHttpMessageHandler handler, ManualTimeProvider time, int maxRetries = 3, CapturingLoggerFactory? logs = null, string? sas = null) =>
        CreateServiceClient(handler, time, maxRetries, logs, sas).GetBlobContainerClient("c").GetBlobClient("b");
}
