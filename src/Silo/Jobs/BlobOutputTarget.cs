using Azure;
using Azure.Identity;
using Azure.Storage.Blobs;
using Grainflow.Silo.CommandLine;
using Grainflow.Streaming.AzureBlob;

namespace Grainflow.Silo.Jobs;

/// <summary>
/// The wordcount job's output as committed blobs in an Azure Blob Storage container (or Azurite), given by a connection
/// string or by a URL reached with Microsoft Entra. Before the silo starts, the container is asked for one listing, so
/// that a wrong endpoint, a stopped emulator or a refused credential is a usage error (exit 2) saying what to check.
/// No message built here contains the connection string, its account key or its SAS signature.
/// </summary>
internal static class BlobOutputTarget
{
    public const string Option = "--output-store";
    public const string UrlOption = "--output-store-url";

    /// <summary>Checks the container a connection string names; returns the output's description for messages.</summary>
    public static Task<string> ProbeAsync(string connectionString, string containerName, string jobId, CancellationToken cancellationToken)
    {
        BlobContainerClient container;
        try
        {
            container = BlobCheckpointContainer.FromConnectionString(connectionString, containerName, BlobCheckpointTarget.ProbeClientOptions());
        }
        catch (FormatException exception)
        {
            // Its message names the accepted forms, never a value of the string.
            throw new UsageException($"{Option} is not a usable connection string: {exception.Message}", exception);
        }

        return ProbeAsync(container, Option, jobId, cancellationToken);
    }

    /// <summary>Checks the container an account or container URL names, signing in with Microsoft Entra.</summary>
    public static Task<string> ProbeAsync(Uri url, string containerName, string jobId, CancellationToken cancellationToken)
    {
        BlobContainerClient container;
        try
        {
            var namesContainer = !string.IsNullOrEmpty(new BlobUriBuilder(url).BlobContainerName);
            container = BlobCheckpointContainer.FromUri(url, namesContainer ? null : containerName, clientOptions: BlobCheckpointTarget.ProbeClientOptions());
        }
        catch (ArgumentException exception)
        {
            var reason = exception.ParamName is null ? exception.Message : exception.Message.Replace($" (Parameter '{exception.ParamName}')", string.Empty, StringComparison.Ordinal);
            throw new UsageException($"{UrlOption}: {reason}", exception);
        }

        return ProbeAsync(container, UrlOption, jobId, cancellationToken);
    }

    private static async Task<string> ProbeAsync(BlobContainerClient container, string option, string jobId, CancellationToken cancellationToken)
    {
        var location = $"blob container {container.Uri.GetLeftPart(UriPartial.Path)}";
        try
        {
            await BlobCheckpointContainer.ProbeAsync(container, jobId + "/", cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException exception)
        {
            var what = exception.Status == 0 ? "no answer" : $"status {exception.Status}{(exception.ErrorCode is null ? string.Empty : " " + exception.ErrorCode)}";
            throw new UsageException($"{option}: the {location} cannot be used ({what}); {WhatToCheck(option, exception.Status)}.", exception);
        }
        catch (AuthenticationFailedException exception)
        {
            throw new UsageException(
                $"{option}: no Microsoft Entra credential could sign in for the {location} ({BlobCheckpointTarget.FirstLine(exception.Message)}); " +
                "sign in with 'az login', or run with a managed or workload identity, or set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET.",
                exception);
        }

        return $"{location}/{jobId}/ (blobs committed with each checkpoint)";
    }

    private static string WhatToCheck(string option, int status) => (option, status) switch
    {
        (Option, 0) => "check that the storage account or Azurite (infra/azurite/start-azurite.sh) is running and that the connection string's endpoint reaches it",
        (Option, 401 or 403) => "check the connection string's account key, or the SAS's expiry and permissions (read, add, create, write, list)",
        (Option, _) => "check the connection string's endpoint and account, and that the container name is allowed",
        (_, 0) => "check the URL's account name and that the account is reachable from here",
        (_, 401 or 403) => "check that the signed-in identity has the Storage Blob Data Contributor role on the account or the container",
        _ => "check the URL's account and that the container name is allowed",
    };
}
