using Azure;
using Azure.Identity;
using Azure.Storage.Blobs;
using Grainflow.Grains.Jobs;
using Grainflow.Silo.CommandLine;
using Grainflow.Streaming.AzureBlob;
using Microsoft.Extensions.Logging;

namespace Grainflow.Silo.Jobs;

/// <summary>
/// Checkpoints in an Azure Blob Storage container (or Azurite), given by a connection string or by a URL reached with
/// Microsoft Entra (<c>DefaultAzureCredential</c>). Before the silo starts, the store is asked for one listing, so
/// that a wrong endpoint, a stopped emulator or a refused credential is a usage error (exit 2) saying what to check,
/// never a failure mid-run. No message built here contains the connection string, its account key or its SAS signature.
/// </summary>
internal static class BlobCheckpointTarget
{
    public const string Option = "--checkpoint-store";
    public const string UrlOption = "--checkpoint-store-url";

    /// <summary>The checkpoint location kind of a blob container given by a connection string.</summary>
    public const string Kind = "azure-blob";

    /// <summary>The checkpoint location kind of a blob container given by an account or container URL (Microsoft Entra sign-in).</summary>
    public const string UrlKind = "azure-blob-entra";

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

        return ProbeAsync(probe, Option, new CheckpointLocation(Kind, connectionString, containerName), jobId, cancellationToken);
    }

    public static Task<CheckpointTarget> PrepareAsync(Uri url, string containerName, string jobId, CancellationToken cancellationToken)
    {
        BlobCheckpointStorageOptions Options(BlobClientOptions? client) =>
            new() { ServiceUri = url, ContainerName = containerName, ClientOptions = client };

        BlobCheckpointStorage probe;
        try
        {
            probe = new BlobCheckpointStorage(Options(ProbeClientOptions()));
        }
        catch (ArgumentException exception)
        {
            var reason = exception.ParamName is null ? exception.Message : exception.Message.Replace($" (Parameter '{exception.ParamName}')", string.Empty, StringComparison.Ordinal);
            throw new UsageException($"{UrlOption}: {reason}", exception);
        }

        return ProbeAsync(probe, UrlOption, new CheckpointLocation(UrlKind, url.ToString(), containerName), jobId, cancellationToken);
    }

    /// <summary>Opens a location of kind <see cref="Kind"/> (a connection string) or <see cref="UrlKind"/> (a URL signed in to with Microsoft Entra).</summary>
    /// <exception cref="ArgumentException">Another kind.</exception>
    public static BlobCheckpointStorage Open(CheckpointLocation location, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var options = location.Kind switch
        {
            Kind => new BlobCheckpointStorageOptions { ConnectionString = location.Address },
            UrlKind => new BlobCheckpointStorageOptions { ServiceUri = new Uri(location.Address) },
            _ => throw new ArgumentException($"A checkpoint location of kind '{location.Kind}' is not a blob container.", nameof(location)),
        };
        options.ContainerName = location.Container ?? BlobCheckpointStorageOptions.DefaultContainerName;
        return new BlobCheckpointStorage(options, loggerFactory.CreateLogger<BlobCheckpointStorage>());
    }

    private static async Task<CheckpointTarget> ProbeAsync(
        BlobCheckpointStorage probe,
        string option,
        CheckpointLocation checkpointLocation,
        string jobId,
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
            throw new UsageException($"{option}: the {location} cannot be used ({Describe(exception)}); {WhatToCheck(option, exception.Status)}.", exception);
        }
        catch (AuthenticationFailedException exception)
        {
            // DefaultAzureCredential found no identity, or the one it found was refused; its first line says which.
            throw new UsageException(
                $"{option}: no Microsoft Entra credential could sign in for the {location} ({FirstLine(exception.Message)}); " +
                "sign in with 'az login', or run with a managed or workload identity, or set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET.",
                exception);
        }

        return new CheckpointTarget(location, checkpointLocation);
    }

    /// <summary>Client options for a start-up probe, which fails fast: one retry, short backoff, a bound on each attempt.</summary>
    internal static BlobClientOptions ProbeClientOptions()
    {
        var client = BlobCheckpointContainer.CreateClientOptions();
        client.Retry.MaxRetries = 1;
        client.Retry.Delay = s_probeRetryDelay;
        client.Retry.NetworkTimeout = s_probeAttemptTimeout;
        return client;
    }

    private static string Describe(RequestFailedException exception) =>
        exception.Status == 0 ? "no answer" : $"status {exception.Status}{(exception.ErrorCode is null ? string.Empty : " " + exception.ErrorCode)}";

    private static string WhatToCheck(string option, int status) => (option, status) switch
    {
        (Option, 0) => "check that the storage account or Azurite (infra/azurite/start-azurite.sh) is running and that the connection string's endpoint reaches it",
        (Option, 401 or 403) => "check the connection string's account key, or the SAS's expiry and permissions (read, add, create, write, delete, list)",
        (Option, _) => "check the connection string's endpoint and account, and that the container name is allowed",
        (_, 0) => "check the URL's account name and that the account is reachable from here",
        (_, 401 or 403) => "check that the signed-in identity has the Storage Blob Data Contributor role on the account or the container",
        _ => "check the URL's account and that the container name is allowed",
    };

    internal static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return (end < 0 ? text : text[..end]).Trim();
    }
}
