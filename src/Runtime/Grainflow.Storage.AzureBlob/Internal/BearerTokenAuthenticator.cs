using Azure.Core;

namespace Grainflow.Storage.AzureBlob.Internal;

/// <summary>
/// Sends a Microsoft Entra bearer token for <c>https://storage.azure.com/.default</c>, fetched once and reused until
/// shortly before it expires (or until the credential's suggested refresh time).
/// </summary>
internal sealed class BearerTokenAuthenticator : IBlobAuthenticator, IDisposable
{
    public const string StorageScope = "https://storage.azure.com/.default";

    // A token is replaced this long before it expires so that a request never leaves with a token that dies in flight.
    internal static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly TokenCredential _credential;
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim _refreshLock = new(1, 1);
    private AccessToken? _cached;

    public BearerTokenAuthenticator(TokenCredential credential, TimeProvider timeProvider)
    {
        _credential = credential;
        _timeProvider = timeProvider;
    }

    public async ValueTask AuthenticateAsync(HttpRequestMessage message, CancellationToken cancellationToken)
    {
        var token = await GetTokenAsync(cancellationToken).ConfigureAwait(false);
        message.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
    }

    public void Dispose() => _refreshLock.Dispose();

    private async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (_cached is { } fresh && IsUsable(fresh))
        {
            return fresh.Token;
        }

        await _refreshLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_cached is { } raced && IsUsable(raced))
            {
                return raced.Token;
            }

            var context = new TokenRequestContext([StorageScope]);
            var token = await _credential.GetTokenAsync(context, cancellationToken).ConfigureAwait(false);
            _cached = token;
            return token.Token;
        }
        finally
        {
            _refreshLock.Release();
        }
    }

    private bool IsUsable(AccessToken token)
    {
        var now = _timeProvider.GetUtcNow();
        var refreshAt = token.ExpiresOn - RefreshMargin;
        if (token.RefreshOn is { } suggested && suggested < refreshAt)
        {
            refreshAt = suggested;
        }

        return now < refreshAt;
    }

    public override string ToString() => "BearerTokenAuthenticator { token = " + UrlRedactor.Redacted + " }";
}
