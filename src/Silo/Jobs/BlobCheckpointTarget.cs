using Grainflow.Grains.Jobs;
using Grainflow.Silo.CommandLine;
using Grainflow.Storage.AzureBlob;
using Grainflow.Streaming.AzureBlob;
using Microsoft.Extensions.Logging;

namespace Grainflow.Silo.Jobs;

/// <summary>
/// Checkpoints in an Azure Blob Storage container (or Azurite), given by a connection string. Before the silo starts,
/// the connection string is parsed and the store is asked for one listing, so that a wrong endpoint, a stopped
/// emulator or a refused credential is a usage error (exit 2) saying what to check, never a failure mid-run.
/// No message built here contains the connection string, its account key or its SAS signature.
/// </summary>
internal static class BlobCheckpointTarget
{
    public const string Option = "--checkpoint-store";

    /// <summary>The checkpoint location kind of Azure Blob Storage.</summary>
    public const string Kind = "azure-blob";

    private const string Forms =
        "UseDevelopmentStorage=true, 'DefaultEndpointsProtocol=…;AccountName=…;AccountKey=…[;BlobEndpoint=…]' or 'BlobEndpoint=…;SharedAccessSignature=…'";

    // The start-up probe fails fast: one retry, short backoff, and a bound on each attempt.
    private static readonly TimeSpan s_probeRetryDelay = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan s_probeAttemptTimeout = TimeSpan.FromSeconds(10);

    public static async Task<CheckpointTarget> PrepareAsync(string connectionString, string containerName, string jobId, CancellationToken cancellationToken)
    {
        BlobCheckpointStorage probe;
        try
        {
            probe = new BlobCheckpointStorage(Options(connectionString, containerName, loggerFactory: null, probe: true));
        }
        catch (FormatException exception)
        {
            // The parser's messages name keys, never values.
            throw new UsageException($"{Option} is not a usable connection string: {exception.Message} Pass {Forms}.", exception);
        }

        var location = $"blob container {probe.ContainerUri.GetLeftPart(UriPartial.Path)}";
        try
        {
            await foreach (var _ in probe.ListAsync(jobId + "/", cancellationToken).ConfigureAwait(false))
            {
                break;
            }
        }
        catch (BlobStorageException exception)
        {
            throw new UsageException($"{Option}: the {location} cannot be used ({Describe(exception)}); {WhatToCheck(exception)}.", exception);
        }

        return new CheckpointTarget(
            location,
            new CheckpointLocation(Kind, connectionString, containerName),
            loggerFactory => new BlobCheckpointStorage(Options(connectionString, containerName, loggerFactory, probe: false)));
    }

    private static BlobCheckpointStorageOptions Options(string connectionString, string containerName, ILoggerFactory? loggerFactory, bool probe)
    {
        var client = new BlobClientOptions { LoggerFactory = loggerFactory };
        if (probe)
        {
            client.Retry.MaxRetries = 1;
            client.Retry.Delay = s_probeRetryDelay;
            client.Retry.NetworkTimeout = s_probeAttemptTimeout;
        }

        return new BlobCheckpointStorageOptions { ConnectionString = connectionString, ContainerName = containerName, ClientOptions = client };
    }

    private static string Describe(BlobStorageException exception) =>
        exception.Status == 0 ? "no answer" : $"status {exception.Status}{(exception.ErrorCode is null ? string.Empty : " " + exception.ErrorCode)}";

    private static string WhatToCheck(BlobStorageException exception) => exception.Status switch
    {
        0 => "check that the storage account or Azurite (infra/azurite/start-azurite.sh) is running and that the connection string's endpoint reaches it",
        401 or 403 => "check the connection string's account key, or the SAS's expiry and permissions (read, add, create, write, delete, list)",
        _ => "check the connection string's endpoint and account, and that the container name is allowed",
    };
}
