namespace Grainflow.Storage.AzureBlob.Internal;

/// <summary>Appends a SAS token to each attempt's URI. The token lives only here, never in a client's <c>Uri</c>.</summary>
internal sealed class SasAuthenticator : IBlobAuthenticator
{
    private readonly string _sas;

    public SasAuthenticator(string sas) => _sas = sas.TrimStart('?');

    public ValueTask AuthenticateAsync(HttpRequestMessage message, CancellationToken cancellationToken)
    {
        message.RequestUri = BlobUris.AppendQuery(message.RequestUri!, _sas);
        return ValueTask.CompletedTask;
    }

    public override string ToString() => "SasAuthenticator { sig=" + UrlRedactor.Redacted + " }";
}
