namespace Grainflow.Storage.AzureBlob.Internal;

/// <summary>Adds credentials to one attempt of a request, after every other header is final.</summary>
internal interface IBlobAuthenticator
{
    ValueTask AuthenticateAsync(HttpRequestMessage message, CancellationToken cancellationToken);
}
