using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Grainflow.Silo.CommandLine;

namespace Grainflow.Silo.Cluster;

/// <summary>
/// The Azure Storage account (or Azurite) whose Table service holds the cluster's membership table and the
/// running-jobs grain storage, given by a connection string or by a table endpoint URL reached with Microsoft Entra
/// (<see cref="DefaultAzureCredential"/>). A connection string is a secret: <see cref="Description"/> and
/// <see cref="ToString"/> show the table endpoint only, never an account key or a SAS signature.
/// </summary>
internal sealed class ClusterStorage
{
    public const string Option = "--cluster-storage";
    public const string UrlOption = "--cluster-storage-url";

    private readonly string? _connectionString;
    private readonly Uri? _url;
    private readonly TokenCredential? _credential;

    private ClusterStorage(string? connectionString, Uri? url, TokenCredential? credential, Uri endpoint, string option)
    {
        _connectionString = connectionString;
        _url = url;
        _credential = credential;
        Endpoint = endpoint;
        OptionName = option;
    }

    /// <summary>The table service's address without any query (a SAS), safe to print.</summary>
    public Uri Endpoint { get; }

    /// <summary>The command-line option the storage came from, for messages saying what to fix.</summary>
    public string OptionName { get; }

    /// <summary>Where the storage is, for progress lines and messages; never contains a credential.</summary>
    public string Description => $"Azure Table storage at {Endpoint}";

    /// <summary>An account given by a connection string (<c>UseDevelopmentStorage=true</c>, account key or SAS).</summary>
    /// <exception cref="UsageException">It is not a connection string the Table service client accepts.</exception>
    public static ClusterStorage FromConnectionString(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        TableServiceClient client;
        try
        {
            client = new TableServiceClient(connectionString);
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or InvalidOperationException)
        {
            // The SDK's message may quote the string; only the option is named.
            throw new UsageException(
                $"{Option} is not a usable Azure Storage connection string: give UseDevelopmentStorage=true, " +
                "'DefaultEndpointsProtocol=https;AccountName=...;AccountKey=...', or one with a TableEndpoint and a SharedAccessSignature.",
                exception);
        }

        return new ClusterStorage(connectionString, url: null, credential: null, WithoutQuery(client.Uri), Option);
    }

    /// <summary>An account's table endpoint (<c>https://account.table.core.windows.net/</c>) reached with <see cref="DefaultAzureCredential"/>.</summary>
    public static ClusterStorage FromUrl(Uri url, TokenCredential? credential = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        return new ClusterStorage(connectionString: null, url, credential ?? new DefaultAzureCredential(), WithoutQuery(url), UrlOption);
    }

    /// <summary>A new client of the account's Table service.</summary>
    public TableServiceClient CreateClient(TableClientOptions? options = null) => _connectionString is not null
        ? new TableServiceClient(_connectionString, options)
        : new TableServiceClient(_url!, _credential!, options);

    /// <inheritdoc/>
    public override string ToString() => Description;

    private static Uri WithoutQuery(Uri uri) => new(uri.GetLeftPart(UriPartial.Path));
}
