using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage;
using Azure.Storage.Blobs;
using Grainflow.Tests.Shared.Azurite;
using Microsoft.Extensions.Logging;

namespace Grainflow.Streaming.AzureBlob.Tests.Azurite;

/// <summary>Builds blob clients and storages over Azurite with fast retries and a loopback-only transport.</summary>
internal static class TestStorage
{
    /// <summary>A socket transport that never uses a proxy, shared like the SDK's default one.</summary>
    public static readonly HttpPipelineTransport Loopback = new HttpClientTransport(new LoopbackOnlyHandler());

    public static string NewContainerName() => "chk" + Guid.NewGuid().ToString("N");

    /// <summary>The storage's own client options (pinned service version), with fast retries and test seams.</summary>
    public static BlobClientOptions ClientOptions(
        HttpPipelineTransport? transport = null,
        HttpPipelinePolicy? faults = null,
        int maxRetries = 4,
        ILogger? retryLogger = null)
    {
        var options = BlobCheckpointContainer.CreateClientOptions(retryLogger);
        options.Transport = transport ?? Loopback;
        options.Retry.MaxRetries = maxRetries;
        options.Retry.Delay = TimeSpan.FromMilliseconds(5);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(50);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        if (faults is not null)
        {
            options.AddPolicy(faults, HttpPipelinePosition.PerRetry);
        }

        return options;
    }

    /// <summary>A container client of Azurite's account, authorized with the account key.</summary>
    public static BlobContainerClient Container(AzuriteFixture azurite, string containerName, BlobClientOptions? options = null) =>
        new BlobServiceClient(azurite.ServiceUri, azurite.Credential, options ?? ClientOptions()).GetBlobContainerClient(containerName);

    /// <summary>A storage over an injected container client, the way a host with its own client builds one.</summary>
    public static BlobCheckpointStorage Create(
        AzuriteFixture azurite,
        string containerName,
        BlobClientOptions? clientOptions = null,
        string? prefix = null,
        StorageTransferOptions? transfer = null,
        int? listPageSize = null,
        ILogger<BlobCheckpointStorage>? logger = null) =>
        new(
            Container(azurite, containerName, clientOptions),
            new BlobCheckpointStorageOptions { Prefix = prefix, TransferOptions = transfer, ListPageSize = listPageSize },
            logger);

    public static async Task DeleteContainerAsync(AzuriteFixture azurite, string containerName) =>
        await Container(azurite, containerName).DeleteIfExistsAsync();
}
