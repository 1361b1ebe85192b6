namespace Grainflow.Storage.AzureBlob.Sas;

/// <summary>Which protocols a SAS may be used over (<c>spr</c>).</summary>
public enum SasProtocol
{
    /// <summary>No restriction (no <c>spr</c> parameter).</summary>
    None,
    Https,
    HttpsAndHttp,
}
