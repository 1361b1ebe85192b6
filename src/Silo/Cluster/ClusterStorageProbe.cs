using Azure;
using Azure.Data.Tables;
using Azure.Identity;
using Grainflow.Silo.CommandLine;

namespace Grainflow.Silo.Cluster;

/// <summary>
/// Asks the cluster's Table service for one page of its tables before the silo starts, so that a wrong endpoint, a
/// stopped emulator or a refused credential is a usage error (exit 2) saying what to check, not a silo that retries
/// its membership table for minutes and then fails. No message built here contains a credential.
/// </summary>
internal static class ClusterStorageProbe
{
    // Fail fast: one retry, short backoff, and a bound on each attempt.
    private static readonly TimeSpan s_retryDelay = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan s_attemptTimeout = TimeSpan.FromSeconds(10);

    /// <exception cref="UsageException">The Table service cannot be reached or refuses the credentials.</exception>
    public static async Task CheckAsync(ClusterStorage storage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 1;
        options.Retry.Delay = s_retryDelay;
        options.Retry.NetworkTimeout = s_attemptTimeout;
        var client = storage.CreateClient(options);
        try
        {
            await foreach (var _ in client.QueryAsync(maxPerPage: 1, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                break;
            }
        }
        catch (Exception exception) when (Unreachable(exception) is { } failure)
        {
            throw new UsageException(
                $"{storage.OptionName}: the {storage.Description} cannot be used ({Describe(failure)}); {WhatToCheck(storage.OptionName, failure.Status)}.",
                exception);
        }
        catch (AuthenticationFailedException exception)
        {
            // DefaultAzureCredential found no identity, or the one it found was refused; its first line says which.
            throw new UsageException(
                $"{storage.OptionName}: no Microsoft Entra credential could sign in for the {storage.Description} ({FirstLine(exception.Message)}); " +
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
        (ClusterStorage.Option, 0) =>
            "check that the storage account or Azurite (with its table service) is running and that the connection string's TableEndpoint reaches it",
        (ClusterStorage.Option, 401 or 403) =>
            "check the connection string's account key, or the SAS's expiry and permissions (the table service: read, add, update, delete, list, create)",
        (ClusterStorage.Option, _) => "check the connection string's table endpoint and account",
        (_, 0) => "check the URL's account name and that the account is reachable from here",
        (_, 401 or 403) => "check that the signed-in identity has the Storage Table Data Contributor role on the account",
        _ => "check that the URL is the account's table endpoint, https://<account>.table.core.windows.net/",
    };

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return (end < 0 ? text : text[..end]).Trim();
    }
}
