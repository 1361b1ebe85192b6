using System.CommandLine;
using System.Net;
using Grainflow.Silo.Cluster;
using Grainflow.Silo.CommandLine;
using Grainflow.Silo.Commands;

namespace Grainflow.Silo.Tests.Serve;

/// <summary>What <c>grainflow-silo serve</c> makes of its options, parsed in process.</summary>
public sealed class ServeOptionsTests
{
    private const string DevelopmentTableEndpoint = "http://127.0.0.1:10002/devstoreaccount1";

    [Fact]
    public void Read_NoOptions_OneSiloLocalhostClusterOnTheDefaultPorts()
    {
        var cluster = Read("serve");

        Assert.Equal("grainflow", cluster.ClusterId);
        Assert.Equal(11111, cluster.SiloPort);
        Assert.Equal(30000, cluster.GatewayPort);
        Assert.Equal(IPAddress.Loopback, cluster.AdvertisedAddress);
        Assert.False(cluster.ListensOnAnyAddress);
        Assert.Null(cluster.Storage);
    }

    [Fact]
    public void Read_EveryOption_TakesEach()
    {
        var cluster = Read(
            "serve", "--cluster-storage", "UseDevelopmentStorage=true", "--cluster-id", "prod-eu.1",
            "--silo-port", "11112", "--gateway-port", "30001", "--advertised-address", "10.0.0.4");

        Assert.Equal("prod-eu.1", cluster.ClusterId);
        Assert.Equal(11112, cluster.SiloPort);
        Assert.Equal(30001, cluster.GatewayPort);
        Assert.Equal(IPAddress.Parse("10.0.0.4"), cluster.AdvertisedAddress);
        Assert.True(cluster.ListensOnAnyAddress);
        Assert.Equal(new Uri(DevelopmentTableEndpoint), cluster.Storage!.Endpoint);
        Assert.Equal(ClusterStorage.Option, cluster.Storage.OptionName);
    }

    [Fact]
    public void Read_StorageUrl_SignsInWithEntraAtThatEndpoint()
    {
        var cluster = Read("serve", "--cluster-storage-url", "https://account.table.core.windows.net/");

        Assert.Equal(new Uri("https://account.table.core.windows.net/"), cluster.Storage!.Endpoint);
        Assert.Equal(ClusterStorage.UrlOption, cluster.Storage.OptionName);
        Assert.Equal("Azure Table storage at https://account.table.core.windows.net/", cluster.Storage.Description);
    }

    [Fact]
    public void Read_SasConnectionString_DescriptionOmitsTheSignature()
    {
        var cluster = Read("serve", "--cluster-storage", "TableEndpoint=https://account.table.core.windows.net/;SharedAccessSignature=sv=2024-11-04&sig=SECRETSIG");

        Assert.Equal("Azure Table storage at https://account.table.core.windows.net/", cluster.Storage!.Description);
        Assert.DoesNotContain("SECRETSIG", cluster.Storage.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MalformedConnectionString_UsageErrorThatNeverQuotesIt()
    {
        var exception = Assert.Throws<UsageException>(() => Read("serve", "--cluster-storage", "AccountKey=SECRETKEY;no endpoint here"));

        Assert.StartsWith("--cluster-storage is not a usable Azure Storage connection string: give UseDevelopmentStorage=true, ", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRETKEY", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--silo-port", "0", "Option '--silo-port' expects a port number from 1 to 65535, not '0'.")]
    [InlineData("--silo-port", "65536", "Option '--silo-port' expects a port number from 1 to 65535, not '65536'.")]
    [InlineData("--gateway-port", "-1", "Option '--gateway-port' expects a port number from 1 to 65535, not '-1'.")]
    [InlineData("--gateway-port", "http", "Option '--gateway-port' expects a port number from 1 to 65535, not 'http'.")]
    [InlineData("--cluster-id", "a/b", "Option '--cluster-id' expects 1 to 64 letters, digits, '-' or '.', not 'a/b'.")]
    [InlineData("--gateway-port", "11111", "Options '--silo-port' and '--gateway-port' must differ (both are 11111).")]
    [InlineData("--advertised-address", "10.0.0.4", "Option '--advertised-address' applies only with '--cluster-storage' or '--cluster-storage-url'.")]
    [InlineData("--cluster-storage-url", "http://127.0.0.1:10002/devstoreaccount1", "Option '--cluster-storage-url' expects an https:// URL, such as https://<account>.table.core.windows.net/.")]
    [InlineData("--cluster-storage-url", "https://account.table.core.windows.net/?sig=SECRET", "Option '--cluster-storage-url' takes a URL without a query; pass a SAS with '--cluster-storage' instead.")]
    public void Parse_BadValue_OneErrorSayingWhatIsExpected(string option, string value, string error)
    {
        var parseResult = new SiloRootCommand().Parse(["serve", option, value]);

        Assert.Equal([error], parseResult.Errors.Select(e => e.Message));
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    [InlineData("silo-1")]
    public void Parse_AdvertisedAddressNotOneToReach_RefusedNamingIt(string address)
    {
        var parseResult = new SiloRootCommand().Parse(["serve", "--cluster-storage", "UseDevelopmentStorage=true", "--advertised-address", address]);

        Assert.Equal(
            [$"Option '--advertised-address' expects the IP address other silos reach this one at, such as 10.0.0.4, not '{address}'."],
            parseResult.Errors.Select(e => e.Message));
    }

    [Fact]
    public void Parse_BothStorageOptions_RefusedAsExclusive()
    {
        var parseResult = new SiloRootCommand().Parse(
            ["serve", "--cluster-storage", "UseDevelopmentStorage=true", "--cluster-storage-url", "https://account.table.core.windows.net/"]);

        Assert.Equal(
            ["Options '--cluster-storage' and '--cluster-storage-url' exclude each other; pass one of them."],
            parseResult.Errors.Select(e => e.Message));
    }

    private static ClusterSettings Read(params string[] args)
    {
        var root = new SiloRootCommand();
        var parseResult = root.Parse(args);
        Assert.Empty(parseResult.Errors);
        return root.Subcommands.OfType<ServeCommand>().Single().ReadCluster(parseResult);
    }
}
