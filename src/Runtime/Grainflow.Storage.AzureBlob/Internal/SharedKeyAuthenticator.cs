namespace Grainflow.Storage.AzureBlob.Internal;

/// <summary>Signs each attempt with <c>Authorization: SharedKey account:signature</c>.</summary>
internal sealed class SharedKeyAuthenticator : IBlobAuthenticator
{
    private readonly StorageSharedKeyCredential _credential;

    public SharedKeyAuthenticator(StorageSharedKeyCredential credential) => _credential = credential;

    public ValueTask AuthenticateAsync(HttpRequestMessage message, CancellationToken cancellationToken)
    {
        var stringToSign = SharedKeySigner.BuildStringToSign(message, _credential.AccountName);
        var signature = _credential.ComputeHmacSha256(stringToSign);
        message.Headers.TryAddWithoutValidation("Authorization", $"SharedKey {_credential.AccountName}:{signature}");
        return ValueTask.CompletedTask;
    }
}
