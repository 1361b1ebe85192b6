using System.Net;
using System.Net.Sockets;
using Grainflow.Silo.Tests.Process;

namespace Grainflow.Silo.Tests.WordCount;

/// <summary>
/// <c>--output-store</c> against the other outputs, and an output store that cannot be used at start: exit code 2 with
/// a message saying what to check, and never the account key.
/// </summary>
public sealed class WordCountOutputStoreOptionTests
{
    private const string AccountKey = "b3V0cHV0LWtleS1uZXZlci1wcmludGVkLTQ3MTE=";

    [Fact]
    public async Task WordCount_BothOutputAndOutputStore_ExitsTwoSayingPassOne()
    {
        using var dir = new TempDirectory();

        var result = await RunAsync(dir, "--output", dir.Sub("out"), "--output-store", "UseDevelopmentStorage=true");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            "grainflow-silo: Options '--output' and '--output-store' exclude each other; pass one of them. See 'grainflow-silo --help'.",
            Assert.Single(result.Error));
    }

    [Fact]
    public async Task WordCount_OutputContainerWithoutStore_ExitsTwo()
    {
        using var dir = new TempDirectory();

        var result = await RunAsync(dir, "--output", dir.Sub("out"), "--output-container", "mine");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'--output-container' applies only with '--output-store' or '--output-store-url'", Assert.Single(result.Error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WordCount_OutputStoreUrlNotHttps_ExitsTwo()
    {
        using var dir = new TempDirectory();

        var result = await RunAsync(dir, "--output-store-url", "http://account.blob.core.windows.net");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Option '--output-store-url' expects an https:// URL", Assert.Single(result.Error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WordCount_OutputStoreNotListening_ExitsTwoSayingWhatToCheckWithoutTheKey()
    {
        using var dir = new TempDirectory();
        var connectionString = $"DefaultEndpointsProtocol=http;AccountName=acct;AccountKey={AccountKey};BlobEndpoint=http://127.0.0.1:{ClosedLoopbackPort()}/acct";

        var result = await RunAsync(dir, "--output-store", connectionString, "--output-container", "results");

        Assert.Equal(2, result.ExitCode);
        var error = Assert.Single(result.Error);
        Assert.StartsWith("grainflow-silo: --output-store: the blob container http://127.0.0.1:", error, StringComparison.Ordinal);
        Assert.Contains("/acct/results cannot be used (no answer); check that the storage account or Azurite", error, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Output.Concat(result.Error), l => l.Contains(AccountKey, StringComparison.Ordinal));
    }

    private static async Task<ProcessResult> RunAsync(TempDirectory dir, params string[] outputOptions)
    {
        await File.WriteAllTextAsync(dir.Sub("input.txt"), "a b a\n");
        return await SiloProcess.RunAsync(["wordcount", "--input", dir.Sub("input.txt"), "--checkpoint-dir", dir.Sub("chk"), .. outputOptions]);
    }

    // A loopback port nobody listens on: bound, released, and refused from then on (until something else takes it).
    private static int ClosedLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
