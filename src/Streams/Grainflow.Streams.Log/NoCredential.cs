using Azure.Core;

namespace Grainflow.Streams.Log;

/// <summary>A credential that only lets the validator build a client to check a URL's shape; it is never asked for a token.</summary>
internal sealed class NoCredential : TokenCredential
{
    public static readonly NoCredential Instance = new();

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("The configuration validator makes no request.");

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("The configuration validator makes no request.");
}
