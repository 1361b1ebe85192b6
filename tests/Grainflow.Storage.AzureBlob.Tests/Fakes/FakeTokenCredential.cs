using Azure.Core;

namespace Grainflow.Storage.AzureBlob.Tests.Fakes;

/// <summary>Issues numbered tokens that expire a fixed time after the fake clock's now, and counts the requests.</summary>
internal sealed class FakeTokenCredential(TimeProvider timeProvider, TimeSpan lifetime) : TokenCredential
{
    private int _issued;

    public int Issued => Volatile.Read(ref _issued);

    public List<string[]> RequestedScopes { get; } = [];

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        GetTokenAsync(requestContext, cancellationToken).AsTask().GetAwaiter().GetResult();

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        lock (RequestedScopes)
        {
            RequestedScopes.Add(requestContext.Scopes);
        }

        var number = Interlocked.Increment(ref _issued);
        return ValueTask.FromResult(new AccessToken($"secret-token-{number}", timeProvider.GetUtcNow() + lifetime));
    }
}
