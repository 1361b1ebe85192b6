using Grainflow.Storage.AzureBlob;
using Grainflow.Storage.AzureBlob.Tests.Azurite;
using Microsoft.Extensions.Logging;

namespace Grainflow.Streaming.AzureBlob.Tests.Azurite;

/// <summary>Builds storages over Azurite with fast retries and a loopback-only transport.</summary>
internal static class TestStorage
{
    /// <summary>A socket handler that never uses a proxy, shared like the client's default one.</summary>
    public static readonly HttpMessageHandler Loopback = new LoopbackOnlyHandler();

    public static string NewContainerName() => "chk" + Guid.NewGuid().ToString("N");

    public static BlobCheckpointStorageOptions Options(
        AzuriteFixture azurite,
        string containerName,
        HttpMessageHandler? transport = null,
        string? prefix = null,
        int maxRetries = 4,
        ILoggerFactory? loggerFactory = null) =>
        Options(azurite.ConnectionString, containerName, transport, prefix, maxRetries, loggerFactory);

    public static BlobCheckpointStorageOptions Options(
        string connectionString,
        string containerName,
        HttpMessageHandler? transport = null,
        string? prefix = null,
        int maxRetries = 4,
        ILoggerFactory? loggerFactory = null)
    {
        var client = new BlobClientOptions { Transport = transport ?? Loopback, LoggerFactory = loggerFactory };
        client.Retry.MaxRetries = maxRetries;
        client.Retry.Delay = TimeSpan.FromMilliseconds(5);
        client.Retry.MaxDelay = TimeSpan.FromMilliseconds(50);
        client.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        return new BlobCheckpointStorageOptions
        {
            ConnectionString = connectionString,
            ContainerName = containerName,
            Prefix = prefix,
            ClientOptions = client,
        };
    }

    public static async Task DeleteContainerAsync(AzuriteFixture azurite, string containerName)
    {
        var service = new BlobServiceClient(azurite.ServiceUri, azurite.Credential, new BlobClientOptions { Transport = Loopback });
        await service.GetBlobContainerClient(containerName).DeleteIfExistsAsync();
    }
}
