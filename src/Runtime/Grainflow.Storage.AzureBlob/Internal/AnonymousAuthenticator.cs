namespace Grainflow.Storage.AzureBlob.Internal;

/// <summary>No credential: public-read containers.</summary>
internal sealed class AnonymousAuthenticator : IBlobAuthenticator
{
    public static readonly AnonymousAuthenticator Instance = new();

    public ValueTask AuthenticateAsync(HttpRequestMessage message, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
