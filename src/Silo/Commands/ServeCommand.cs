using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Grainflow.Silo.Cluster;
using Grainflow.Silo.CommandLine;

namespace Grainflow.Silo.Commands;

/// <summary>
/// <c>grainflow-silo serve</c>: runs one silo of a cluster, hosting whatever jobs are started on the cluster, until
/// Ctrl+C or SIGTERM stops it gracefully.
/// </summary>
internal sealed class ServeCommand : Command
{
    private readonly Option<string> _clusterStorage = new(ClusterStorage.Option)
    {
        Description = "Form a cluster through Azure Table membership in this storage account: an Azure Storage connection string " +
                      "(UseDevelopmentStorage=true for Azurite, an account-key or a SAS connection string); never printed. " +
                      "Without it (or --cluster-storage-url), a one-silo localhost cluster",
        HelpName = "connection-string",
    };

    private readonly Option<Uri> _clusterStorageUrl = new(ClusterStorage.UrlOption)
    {
        Description = "Form a cluster through Azure Table membership, signing in with Microsoft Entra (DefaultAzureCredential: environment, " +
                      "managed identity, Azure CLI, ...): the account's table endpoint, https://<account>.table.core.windows.net/",
        HelpName = "url",
        CustomParser = ParseStorageUrl,
    };

    private readonly Option<string> _clusterId = new("--cluster-id")
    {
        Description = "The cluster's name: silos with the same id and storage form one cluster, and its running jobs are kept under it " +
                      $"[default: {ClusterSettings.DefaultClusterId}]",
        HelpName = "id",
        CustomParser = ParseClusterId,
    };

    private readonly Option<int?> _siloPort = Port("--silo-port", "The port other silos reach this one at", ClusterSettings.DefaultSiloPort);

    private readonly Option<int?> _gatewayPort = Port("--gateway-port", "The port Orleans clients (and the control API's dashboard) connect to", ClusterSettings.DefaultGatewayPort);

    private readonly Option<IPAddress> _advertisedAddress = new("--advertised-address")
    {
        Description = "The IP address other silos reach this one at (a container passes its own); with an address other than loopback " +
                      "the silo listens on every interface. Needs --cluster-storage or --cluster-storage-url [default: 127.0.0.1]",
        HelpName = "ip",
        CustomParser = ParseAdvertisedAddress,
    };

    private readonly StreamCommandOptions _streams = new();

    public ServeCommand(SiloCommandOptions siloOptions)
        : base("serve", "Run a silo of a cluster, hosting the jobs started on the cluster, until Ctrl+C or SIGTERM stops it gracefully.")
    {
        ArgumentNullException.ThrowIfNull(siloOptions);
        Options.Add(_clusterStorage);
        Options.Add(_clusterStorageUrl);
        Options.Add(_clusterId);
        Options.Add(_siloPort);
        Options.Add(_gatewayPort);
        Options.Add(_advertisedAddress);
        foreach (var option in _streams.All)
        {
            Options.Add(option);
        }

        Validators.Add(Validate);
        Validators.Add(_streams.Validate);
        SetAction((parseResult, cancellationToken) => ServeRun.RunAsync(
            siloOptions.Read(parseResult) with { Cluster = ReadCluster(parseResult), Streams = _streams.Read(parseResult) },
            parseResult.InvocationConfiguration.Output,
            cancellationToken));
    }

    /// <summary>The cluster the command line asks for.</summary>
    /// <exception cref="UsageException">The connection string is not one the Table service client accepts.</exception>
    public ClusterSettings ReadCluster(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var storage = (parseResult.GetValue(_clusterStorage), parseResult.GetValue(_clusterStorageUrl)) switch
        {
            ({ } connectionString, _) => ClusterStorage.FromConnectionString(connectionString),
            (_, { } url) => ClusterStorage.FromUrl(url),
            _ => null,
        };
        return new ClusterSettings
        {
            ClusterId = parseResult.GetValue(_clusterId) ?? ClusterSettings.DefaultClusterId,
            SiloPort = parseResult.GetValue(_siloPort) ?? ClusterSettings.DefaultSiloPort,
            GatewayPort = parseResult.GetValue(_gatewayPort) ?? ClusterSettings.DefaultGatewayPort,
            AdvertisedAddress = parseResult.GetValue(_advertisedAddress) ?? IPAddress.Loopback,
            Storage = storage,
        };
    }

    private void Validate(CommandResult result)
    {
        var hasStorage = result.GetResult(_clusterStorage) is not null;
        var hasStorageUrl = result.GetResult(_clusterStorageUrl) is not null;
        if (hasStorage && hasStorageUrl)
        {
            result.AddError($"Options '{ClusterStorage.Option}' and '{ClusterStorage.UrlOption}' exclude each other; pass one of them.");
        }

        if (result.GetResult(_advertisedAddress) is not null && !hasStorage && !hasStorageUrl)
        {
            // Localhost clustering is reachable on loopback only: another address would be advertised in vain.
            result.AddError($"Option '--advertised-address' applies only with '{ClusterStorage.Option}' or '{ClusterStorage.UrlOption}'.");
        }

        // A port that does not parse has its own error already.
        if (PortGiven(result, _siloPort, ClusterSettings.DefaultSiloPort) is { } siloPort
            && PortGiven(result, _gatewayPort, ClusterSettings.DefaultGatewayPort) is { } gatewayPort
            && siloPort == gatewayPort)
        {
            result.AddError($"Options '--silo-port' and '--gateway-port' must differ (both are {siloPort}).");
        }
    }

    private static Option<int?> Port(string name, string description, int defaultValue) =>
        PortOption.Create(name, $"{description}; several silos on one machine need distinct ports", defaultValue.ToString(CultureInfo.InvariantCulture));

    private static int? PortGiven(CommandResult result, Option<int?> option, int defaultValue) =>
        result.GetResult(option) is not { } given ? defaultValue
        : given.Tokens.Count == 1 && PortOption.TryParse(given.Tokens[0].Value, out var port) ? port
        : null;

    private static string? ParseClusterId(ArgumentResult result)
    {
        // Azure Table keys refuse '/', '\', '#', '?' and control characters; '_' separates Orleans' own key parts.
        var text = result.SingleToken();
        if (text.Length is >= 1 and <= 64 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.'))
        {
            return text;
        }

        result.AddError($"Option '--cluster-id' expects 1 to 64 letters, digits, '-' or '.', not '{text}'.");
        return null;
    }

    private static IPAddress? ParseAdvertisedAddress(ArgumentResult result)
    {
        var text = result.SingleToken();
        if (IPAddress.TryParse(text, out var address)
            && address.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6
            && !address.Equals(IPAddress.Any) && !address.Equals(IPAddress.IPv6Any))
        {
            return address;
        }

        result.AddError($"Option '--advertised-address' expects the IP address other silos reach this one at, such as 10.0.0.4, not '{text}'.");
        return null;
    }

    private static Uri? ParseStorageUrl(ArgumentResult result)
    {
        // The value is never echoed: a URL given here by mistake with a SAS would print its signature.
        var text = result.SingleToken();
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps)
        {
            result.AddError($"Option '{ClusterStorage.UrlOption}' expects an https:// URL, such as https://<account>.table.core.windows.net/.");
            return null;
        }

        if (url.Query.Length > 1)
        {
            result.AddError($"Option '{ClusterStorage.UrlOption}' takes a URL without a query; pass a SAS with '{ClusterStorage.Option}' instead.");
            return null;
        }

        return url;
    }
}
