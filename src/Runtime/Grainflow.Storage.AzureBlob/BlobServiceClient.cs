using Azure.Core;
using Grainflow.Storage.AzureBlob.Internal;

namespace Grainflow.Storage.AzureBlob;

/// <summary>
/// The entry point to one storage account's Blob service. Thread-safe; create one per account and share it.
/// Container, blob and lease clients made from it share its connection pool, credential and retry policy.
/// </summary>
/// <remarks>
/// Credentials (account key, SAS, bearer token) are held by the client's request pipeline only: <see cref="Uri"/>
/// and <see cref="ToString"/> never contain them.
/// </remarks>
public sealed class BlobServiceClient
{
    private readonly BlobPipeline _pipeline;

    /// <summary>
    /// Connects with a connection string: <c>UseDevelopmentStorage=true</c> (Azurite at 127.0.0.1:10000),
    /// <c>DefaultEndpointsProtocol=…;AccountName=…;AccountKey=…[;BlobEndpoint=…|EndpointSuffix=…]</c>, or
    /// <c>BlobEndpoint=…;SharedAccessSignature=…</c>.
    /// </summary>
    /// <exception cref="FormatException">The connection string is malformed; the message names keys, never values.</exception>
    public BlobServiceClient(string connectionString, BlobClientOptions? options = null)
    {
        var parsed = BlobConnectionString.Parse(connectionString);
        options ??= new BlobClientOptions();
        IBlobAuthenticator authenticator = parsed.Credential is not null
            ? new SharedKeyAuthenticator(parsed.Credential)
            : new SasAuthenticator(parsed.SharedAccessSignature!);
        Uri = parsed.ServiceUri;
        AccountName = parsed.Credential?.AccountName ?? BlobUris.AccountNameOf(Uri);
        _pipeline = new BlobPipeline(options, authenticator);
    }

    /// <summary>Connects with a service URI that carries a SAS in its query (kept out of <see cref="Uri"/>), or none for anonymous access.</summary>
    public BlobServiceClient(Uri serviceUri, BlobClientOptions? options = null)
        : this(StripQuery(serviceUri), SasOrAnonymous(serviceUri), options ?? new BlobClientOptions())
    {
    }

    /// <summary>Connects with Shared Key authorization.</summary>
    public BlobServiceClient(Uri serviceUri, StorageSharedKeyCredential credential, BlobClientOptions? options = null)
        : this(StripQuery(serviceUri), new SharedKeyAuthenticator(Require(credential)), options ?? new BlobClientOptions())
    {
        AccountName = credential.AccountName;
    }

    /// <summary>Connects with Microsoft Entra ID tokens for scope <c>https://storage.azure.com/.default</c>, cached until near expiry.</summary>
    /// <exception cref="ArgumentException"><paramref name="serviceUri"/> is not HTTPS: a bearer token is never sent in clear text.</exception>
    public BlobServiceClient(Uri serviceUri, TokenCredential credential, BlobClientOptions? options = null)
        : this(RequireHttps(StripQuery(serviceUri)), CreateBearer(credential, options), options ?? new BlobClientOptions())
    {
    }

    private BlobServiceClient(Uri serviceUri, IBlobAuthenticator authenticator, BlobClientOptions options)
        : this(serviceUri, new BlobPipeline(options, authenticator))
    {
    }

    internal BlobServiceClient(Uri serviceUri, BlobPipeline pipeline)
    {
        Uri = serviceUri;
        AccountName = BlobUris.AccountNameOf(serviceUri);
        _pipeline = pipeline;
    }

    /// <summary>The Blob service endpoint, without credentials.</summary>
    public Uri Uri { get; }

    /// <summary>The storage account name, when known.</summary>
    public string? AccountName { get; }

    /// <summary>Returns a client for a container; makes no request.</summary>
    public BlobContainerClient GetBlobContainerClient(string containerName) =>
        new(_pipeline, BlobUris.AppendContainer(Uri, containerName), containerName);

    /// <inheritdoc />
    public override string ToString() => $"BlobServiceClient {{ Uri = {UrlRedactor.Redact(Uri)} }}";

    private static Uri StripQuery(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return new Uri(uri.GetLeftPart(UriPartial.Path));
    }

    private static Uri RequireHttps(Uri uri) =>
        uri.Scheme == Uri.UriSchemeHttps ? uri : throw new ArgumentException("Microsoft Entra tokens are only sent over HTTPS.", nameof(uri));

    private static IBlobAuthenticator SasOrAnonymous(Uri uri) =>
        string.IsNullOrEmpty(uri.Query) ? AnonymousAuthenticator.Instance : new SasAuthenticator(uri.Query);

    private static StorageSharedKeyCredential Require(StorageSharedKeyCredential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        return credential;
    }

    private static BearerTokenAuthenticator CreateBearer(TokenCredential credential, BlobClientOptions? options)
    {
        ArgumentNullException.ThrowIfNull(credential);
        return new BearerTokenAuthenticator(credential, options?.TimeProvider ?? TimeProvider.System);
    }
}
