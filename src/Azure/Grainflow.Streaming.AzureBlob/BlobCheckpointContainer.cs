using Azure;
using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;

namespace Grainflow.Streaming.AzureBlob;

/// <summary>
/// Builds the <see cref="BlobContainerClient"/> a <see cref="BlobCheckpointStorage"/> works on: from a connection
/// string, or from an account or container URL with a Microsoft Entra credential. Makes no request.
/// </summary>
public static class BlobCheckpointContainer
{
    /// <summary>
    /// The Blob service version every client made here speaks: the newest that Azurite 3.37 accepts (its own is
    /// 2026-06-06; Azure.Storage.Blobs 12.30 would send a newer one, which Azurite refuses unless started with
    /// <c>--skipApiVersionCheck</c>). Azure Storage serves it as well.
    /// </summary>
    public const BlobClientOptions.ServiceVersion ServiceVersion = BlobClientOptions.ServiceVersion.V2026_06_06;

    /// <summary>
    /// Client options with <see cref="ServiceVersion"/> and the SDK's default retries (3, exponential from 0.8 s),
    /// and, when <paramref name="retryLogger"/> is given, a policy that logs transient failures to it: the first of a
    /// run and every 50th as warnings, the rest at Debug, and the first answer after them says how many there were.
    /// Callers may change the retry settings or add policies and a transport before building a client.
    /// </summary>
    public static BlobClientOptions CreateClientOptions(ILogger? retryLogger = null)
    {
        var options = new BlobClientOptions(ServiceVersion);
        if (retryLogger is not null)
        {
            options.AddPolicy(new BlobRetryLogPolicy(retryLogger), HttpPipelinePosition.PerRetry);
        }

        return options;
    }

    /// <summary>The container <paramref name="containerName"/> of the account a connection string names.</summary>
    /// <param name="connectionString"><c>UseDevelopmentStorage=true</c>, an account-key or a SAS connection string.</param>
    /// <param name="containerName">The container.</param>
    /// <param name="clientOptions">Null uses <see cref="CreateClientOptions"/>.</param>
    /// <exception cref="FormatException">The connection string is malformed; the message names no value of it.</exception>
    public static BlobContainerClient FromConnectionString(
        string connectionString,
        string containerName = BlobCheckpointStorageOptions.DefaultContainerName,
        BlobClientOptions? clientOptions = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentException.ThrowIfNullOrWhiteSpace(containerName);
        BlobServiceClient service;
        try
        {
            service = new BlobServiceClient(connectionString, clientOptions ?? CreateClientOptions());
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            // The parser's own messages may quote the string; this one never does, and the cause is left out for that reason.
            throw new FormatException(
                "The connection string is malformed: expected 'UseDevelopmentStorage=true', " +
                "'DefaultEndpointsProtocol=…;AccountName=…;AccountKey=…[;BlobEndpoint=…]' or 'BlobEndpoint=…;SharedAccessSignature=…'.");
        }

        return service.GetBlobContainerClient(containerName);
    }

    /// <summary>
    /// A container reached with a Microsoft Entra credential (the identity needs the Storage Blob Data Contributor
    /// role, or Reader and Data Access plus write permissions, on the account or container).
    /// </summary>
    /// <param name="uri">The account's blob endpoint (<c>https://account.blob.core.windows.net</c>) or a container's URL,
    /// over HTTPS, without a query.</param>
    /// <param name="containerName">The container when <paramref name="uri"/> names none.</param>
    /// <param name="credential">Null uses <see cref="DefaultAzureCredential"/> (environment, workload identity,
    /// managed identity, Azure CLI, ... in that order).</param>
    /// <param name="clientOptions">Null uses <see cref="CreateClientOptions"/>.</param>
    /// <exception cref="ArgumentException">The URL is not HTTPS, carries a query (a SAS belongs in a connection string),
    /// or names a container other than <paramref name="containerName"/>.</exception>
    public static BlobContainerClient FromUri(
        Uri uri,
        string? containerName = null,
        TokenCredential? credential = null,
        BlobClientOptions? clientOptions = null)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri || uri.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException("A Microsoft Entra credential is only sent over HTTPS: pass an https:// URL.", nameof(uri));
        }

        if (uri.Query.Length > 1)
        {
            throw new ArgumentException("The URL must carry no query; pass a SAS as a connection string instead.", nameof(uri));
        }

        var parts = new BlobUriBuilder(uri);
        if (!string.IsNullOrEmpty(parts.BlobName))
        {
            throw new ArgumentException($"'{uri}' names a blob; pass the account's endpoint or a container's URL.", nameof(uri));
        }

        var fromUri = parts.BlobContainerName;
        if (!string.IsNullOrEmpty(fromUri) && containerName is not null && containerName != fromUri)
        {
            throw new ArgumentException($"'{uri}' names container '{fromUri}', not '{containerName}'.", nameof(containerName));
        }

        parts.BlobContainerName = string.IsNullOrEmpty(fromUri) ? containerName ?? BlobCheckpointStorageOptions.DefaultContainerName : fromUri;
        return new BlobContainerClient(parts.ToUri(), credential ?? new DefaultAzureCredential(), clientOptions ?? CreateClientOptions());
    }

    /// <summary>
    /// Asks <paramref name="container"/> for one page of the blobs under <paramref name="prefix"/>, to learn before a
    /// job starts whether the store can be used. A container that does not exist yet is fine (it is created when needed).
    /// </summary>
    /// <exception cref="RequestFailedException">The store cannot be used; status 0 when no response arrived. The message
    /// names the container, never a key or signature.</exception>
    /// <exception cref="Azure.Identity.AuthenticationFailedException">No Microsoft Entra credential could sign in.</exception>
    public static async Task ProbeAsync(BlobContainerClient container, string prefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(container);
        try
        {
            await foreach (var _ in container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken).ConfigureAwait(false))
            {
                break;
            }
        }
        catch (Exception e) when (BlobCheckpointErrors.AsRequestFailure(e, cancellationToken) is { } failure)
        {
            if (!BlobCheckpointErrors.IsContainerMissing(failure))
            {
                throw BlobCheckpointErrors.Failed("Listing", container.Name, failure);
            }
        }
    }

    /// <summary>The container the options name, with <paramref name="retryLogger"/> for the default client options.</summary>
    internal static BlobContainerClient FromOptions(BlobCheckpointStorageOptions options, ILogger? retryLogger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clientOptions = options.ClientOptions ?? CreateClientOptions(retryLogger);
        return (options.ConnectionString, options.ServiceUri) switch
        {
            (not null, not null) => throw new ArgumentException(
                "Set one of BlobCheckpointStorageOptions.ConnectionString and ServiceUri, not both.", nameof(options)),
            (null, null) => throw new ArgumentException(
                "BlobCheckpointStorageOptions needs a ConnectionString or a ServiceUri.", nameof(options)),
            ({ } connectionString, null) => FromConnectionString(connectionString, options.ContainerName, clientOptions),
            (null, { } uri) => FromUri(uri, NamesContainer(uri) ? null : options.ContainerName, options.Credential, clientOptions),
        };
    }

    private static bool NamesContainer(Uri uri) => !string.IsNullOrEmpty(new BlobUriBuilder(uri).BlobContainerName);
}
