using Azure;
using Azure.Identity;
using Azure.Storage.Blobs.Models;
using Grainflow.Silo.CommandLine;
using Grainflow.Streaming.AzureBlob;

namespace Grainflow.Silo.Streams;

/// <summary>
/// Asks the stream provider's blob container for one listing page before the silo starts, so that a wrong endpoint,
/// a stopped emulator or a refused credential is a usage error (exit 2) saying what to check, not a partition grain
/// failing its first append. A container that does not exist yet is fine: the first writer creates it. No message
/// built here contains the connection string, its account key or its SAS signature.
/// </summary>
internal static class StreamStoreProbe
{
    // Fail fast: one retry, short backoff, and a bound on each attempt.
    private static readonly TimeSpan s_retryDelay = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan s_attemptTimeout = TimeSpan.FromSeconds(10);

    /// <exception cref="UsageException">The container's account cannot be reached or refuses the credentials.</exception>
    public static async Task CheckAsync(SiloStreamSettings streams, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(streams);
        if (!streams.InBlobStorage)
        {
            return;
        }

        var option = streams.StoreUrl is null ? StreamCommandOptions.StoreOption : StreamCommandOptions.StoreUrlOption;
        var clientOptions = BlobCheckpointContainer.CreateClientOptions();
        clientOptions.Retry.MaxRetries = 1;
        clientOptions.Retry.Delay = s_retryDelay;
        clientOptions.Retry.NetworkTimeout = s_attemptTimeout;
        var container = streams.ContainerClient(clientOptions);
        try
        {
            await foreach (var _ in container.GetBlobsAsync(new GetBlobsOptions { Prefix = SiloStreamSettings.ProviderName + "/" }, cancellationToken)
                .AsPages(pageSizeHint: 1).ConfigureAwait(false))
            {
                break;
            }
        }
        catch (RequestFailedException exception) when (exception.Status == 404 && exception.ErrorCode == BlobErrorCode.ContainerNotFound)
        {
            // Created by the first partition writer.
        }
        catch (Exception exception) when (Unreachable(exception) is { } failure)
        {
            throw new UsageException(
                $"{option}: the {streams.Location} cannot be used ({Describe(failure)}); {WhatToCheck(option, failure.Status)}.", exception);
        }
        catch (AuthenticationFailedException exception)
        {
            throw new UsageException(
                $"{option}: no Microsoft Entra credential could sign in for the {streams.Location} ({exception.Message.Split('\n')[0].Trim()}); " +
                "sign in with 'az login', or run with a managed or workload identity, or set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET.",
                exception);
        }
    }

    // A request that failed, or (after the SDK's retry) every attempt that failed: the last one says the most.
    private static RequestFailedException? Unreachable(Exception exception) => exception switch
    {
        RequestFailedException failed => failed,
        AggregateException aggregate => aggregate.InnerExceptions.OfType<RequestFailedException>().LastOrDefault(),
        _ => null,
    };

    private static string Describe(RequestFailedException exception) =>
        exception.Status == 0 ? "no answer" : $"status {exception.Status}{(exception.ErrorCode is null ? string.Empty : " " + exception.ErrorCode)}";

    private static string WhatToCheck(string option, int status) => (option, status) switch
    {
        (StreamCommandOptions.StoreOption, 0) => "check that the storage account or Azurite (infra/azurite/start-azurite.sh) is running and that the connection string's endpoint reaches it",
        (StreamCommandOptions.StoreOption, 401 or 403) => "check the connection string's account key, or the SAS's expiry and permissions (read, add, create, write, delete, list)",
        (StreamCommandOptions.StoreOption, _) => "check the connection string's endpoint and account, and that the container name is allowed",
        (_, 0) => "check the URL's account name and that the account is reachable from here",
        (_, 401 or 403) => "check that the signed-in identity has the Storage Blob Data Contributor role on the account or the container",
        _ => "check the URL's account and that the container name is allowed",
    };
}
