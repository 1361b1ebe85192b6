namespace Grainflow.Storage.AzureBlob.Internal;

/// <summary>
/// Parses Azure Storage connection strings: <c>UseDevelopmentStorage=true</c>, account key
/// (<c>DefaultEndpointsProtocol;AccountName;AccountKey[;BlobEndpoint|EndpointSuffix]</c>) and SAS
/// (<c>BlobEndpoint;SharedAccessSignature</c>). Error messages name keys, never values.
/// </summary>
internal sealed class BlobConnectionString
{
    public const string DevelopmentAccountName = "devstoreaccount1";

    // The emulator's published, well-known key; not a secret.
    public const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public static readonly Uri DevelopmentBlobEndpoint = new("http://127.0.0.1:10000/" + DevelopmentAccountName);

    private BlobConnectionString(Uri serviceUri, StorageSharedKeyCredential? credential, string? sas)
    {
        ServiceUri = serviceUri;
        Credential = credential;
        SharedAccessSignature = sas;
    }

    public Uri ServiceUri { get; }

    public StorageSharedKeyCredential? Credential { get; }

    public string? SharedAccessSignature { get; }

    public static BlobConnectionString Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var settings = Split(connectionString);

        if (settings.TryGetValue("UseDevelopmentStorage", out var development) && bool.TryParse(development, out var useDevelopment) && useDevelopment)
        {
            return new BlobConnectionString(
                DevelopmentBlobEndpoint,
                new StorageSharedKeyCredential(DevelopmentAccountName, DevelopmentAccountKey),
                sas: null);
        }

        settings.TryGetValue("AccountName", out var accountName);
        settings.TryGetValue("AccountKey", out var accountKey);
        settings.TryGetValue("SharedAccessSignature", out var sas);
        var endpoint = BlobEndpoint(settings, accountName);

        if (!string.IsNullOrEmpty(accountKey))
        {
            if (string.IsNullOrEmpty(accountName))
            {
                throw new FormatException("The connection string has an AccountKey but no AccountName.");
            }

            return new BlobConnectionString(endpoint, new StorageSharedKeyCredential(accountName, accountKey), sas: null);
        }

        if (!string.IsNullOrEmpty(sas))
        {
            return new BlobConnectionString(endpoint, credential: null, sas.TrimStart('?'));
        }

        throw new FormatException("The connection string has neither AccountKey nor SharedAccessSignature (nor UseDevelopmentStorage=true).");
    }

    private static Uri BlobEndpoint(Dictionary<string, string> settings, string? accountName)
    {
        if (settings.TryGetValue("BlobEndpoint", out var blobEndpoint))
        {
            if (!Uri.TryCreate(blobEndpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new FormatException("The connection string's BlobEndpoint is not an absolute http(s) URI.");
            }

            return uri;
        }

        if (string.IsNullOrEmpty(accountName))
        {
            throw new FormatException("The connection string has neither BlobEndpoint nor AccountName.");
        }

        var protocol = settings.GetValueOrDefault("DefaultEndpointsProtocol", "https");
        var suffix = settings.GetValueOrDefault("EndpointSuffix", "core.windows.net");
        return new Uri($"{protocol}://{accountName}.blob.{suffix}");
    }

    private static Dictionary<string, string> Split(string connectionString)
    {
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Split at the first '=' only: keys and SAS tokens contain '=' themselves.
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException("The connection string has a setting without 'name=value' form.");
            }

            settings[part[..equals].Trim()] = part[(equals + 1)..].Trim();
        }

        return settings;
    }

    public override string ToString() =>
        $"BlobConnectionString {{ ServiceUri = {UrlRedactor.Redact(ServiceUri)}, Credential = {Credential}, Sas = {(SharedAccessSignature is null ? "none" : "sig=" + UrlRedactor.Redacted)} }}";
}
