using Azure;
using Azure.Storage.Blobs;
using Grainflow.Silo.CommandLine;
using Grainflow.Streaming.AzureBlob;
using Microsoft.Extensions.Logging;

namespace Grainflow.Silo.Jobs;

/// <summary>
/// Checkpoints in an Azure Blob Storage container (or Azurite), given by a connection string. Before the silo starts,
/// the store is asked for one listing, so that a wrong endpoint, a stopped emulator or a refused credential is a usage
/// error (exit 2) saying what to check, never a failure mid-run. No message built here contains the connection string, its account key or its SAS signature.
/// </summary>
internal static class BlobCheckpointTarget
{
    public const string Option = "--checkpoint-store";

    // The start-up probe fails fast: one retry, short backoff, and a bound on each attempt.
    private static readonly TimeSpan s_probeRetryDelay = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan s_probeAttemptTimeout = TimeSpan.FromSeconds(10);

    public static Task<CheckpointTarget> PrepareAsync(string connectionString, string containerName, string jobId, CancellationToken cancellationToken)
    {
        BlobCheckpointStorageOptions Options(BlobClientOptions? client) =>
            new() { ConnectionString = connectionString, ContainerName = containerName, ClientOptions = client };

        BlobCheckpointStorage probe;
        try
        {
            probe = new BlobCheckpointStorage(Options(ProbeClientOptions()));
        }
        catch (FormatException exception)
        {
            // Its message names the accepted forms, never a value of the string.
            throw new UsageException($"{Option} is not a usable connection string: {exception.Message}", exception);
        }

        return ProbeAsync(probe, Option, jobId, loggerFactory => new BlobCheckpointStorage(Options(null), loggerFactory.CreateLogger<BlobCheckpointStorage>()), cancellationToken);
    }

    private static async Task<CheckpointTarget> ProbeAsync(
        BlobCheckpointStorage probe,
        string option,
        string jobId,
        Func<ILoggerFactory, BlobCheckpointStorage> createStorage,
        CancellationToken cancellationToken)
    {
        var location = $"blob container {probe.ContainerUri}";
        try
        {
            await foreach (var _ in probe.ListAsync(jobId + "/", cancellationToken).ConfigureAwait(false))
            {
                break;
            }
        }
        catch (RequestFailedException exception)
        {
            throw new UsageException($"{option}: the {location} cannot be used ({Describe(exception)}); {WhatToCheck(exception.Status)}.", exception);
        }

        return new CheckpointTarget(location, createStorage);
    }

    private static BlobClientOptions ProbeClientOptions()
    {
        var client = BlobCheckpointContainer.CreateClientOptions();
        client.Retry.MaxRetries = 1;
        client.Retry.Delay = s_probeRetryDelay;
        client.Retry.NetworkTimeout = s_probeAttemptTimeout;
        return client;
    }

    private static string Describe(RequestFailedException exception) =>
        exception.Status == 0 ? "no answer" : $"status {exception.Status}{(exception.ErrorCode is null ? string.Empty : " " + exception.ErrorCode)}";

    private static string WhatToCheck(int status) => status switch
    {
        0 => "check that the storage account or Azurite (infra/azurite/start-azurite.sh) is running and that the connection string's endpoint reaches it",
        401 or 403 => "check the connection string's account key, or the SAS's expiry and permissions (read, add, create, write, delete, list)",
        _ => "check the connection string's endpoint and account, and that the container name is allowed",
    };
}
