using System.Net;
using System.Net.Sockets;
using Grainflow.Silo.Tests.Process;

namespace Grainflow.Silo.Tests.Streams;

/// <summary>
/// <c>--stream-store</c> against <c>--stream-log</c>, and a stream store that cannot be used at start: exit code 2 with a
/// message saying what to fix, and never the account key.
/// </summary>
public sealed class StreamStoreOptionTests
{
    private const string AccountKey = "c3RyZWFtLXN0b3JlLWtleS1uZXZlci1wcmludGVk";

    [Fact]
    public async Task WordCount_BothStreamLogAndStreamStore_ExitsTwoSayingPassOne()
    {
        using var dir = new TempDirectory();

        var result = await RunAsync(dir, "--stream-log", dir.Sub("streams"), "--stream-store", "UseDevelopmentStorage=true");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            "grainflow-silo: Options '--stream-log' and '--stream-store' exclude each other; pass one of them. See 'grainflow-silo --help'.",
            Assert.Single(result.Error));
    }

    [Fact]
    public async Task Serve_StreamContainerWithoutAStore_ExitsTwo()
    {
        var result = await SiloProcess.RunAsync("serve", "--stream-container", "mine");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            "grainflow-silo: Option '--stream-container' applies only with '--stream-store' or '--stream-store-url'. See 'grainflow-silo --help'.",
            Assert.Single(result.Error));
    }

    [Fact]
    public async Task WordCount_MalformedStreamStore_ExitsTwoWithoutTheKey()
    {
        using var dir = new TempDirectory();

        var result = await RunAsync(dir, "--stream-store", $"AccountKey={AccountKey};Endpoint");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("grainflow-silo: --stream-store is not usable: The connection string is malformed", Assert.Single(result.Error), StringComparison.Ordinal);
        AssertNeverPrinted(result);
    }

    [Fact]
    public async Task WordCount_StreamStoreNotListening_ExitsTwoSayingWhatToCheckWithoutTheKey()
    {
        using var dir = new TempDirectory();
        var endpoint = $"http://127.0.0.1:{ClosedLoopbackPort()}/devstoreaccount1";

        var result = await RunAsync(
            dir, "--stream-store", $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};BlobEndpoint={endpoint};",
            "--stream-container", "streams-eu");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            $"grainflow-silo: --stream-store: the blob container {endpoint}/streams-eu cannot be used (no answer); check that the storage " +
            "account or Azurite (infra/azurite/start-azurite.sh) is running and that the connection string's endpoint reaches it. See 'grainflow-silo --help'.",
            Assert.Single(result.Error));
        AssertNeverPrinted(result);
    }

    [Fact]
    public async Task Help_Serve_ListsTheStreamStoreOptions()
    {
        var result = await SiloProcess.RunAsync("serve", "--help");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(result.Output, l => l.Contains("--stream-store <connection-string>", StringComparison.Ordinal));
        Assert.Contains(result.Output, l => l.Contains("--stream-store-url <url>", StringComparison.Ordinal));
        Assert.Contains(result.Output, l => l.Contains("--stream-container <name>", StringComparison.Ordinal) && l.Contains("[default: grainflow-streams]", StringComparison.Ordinal));
    }

    private static Task<ProcessResult> RunAsync(TempDirectory dir, params string[] streamOptions) => SiloProcess.RunAsync(
        ["wordcount", "--input-stream", "grainflow/lines", "--output", dir.Sub("out"), "--checkpoint-dir", dir.Sub("chk"), "--control-url", "none", .. streamOptions]);

    private static void AssertNeverPrinted(ProcessResult result)
    {
        Assert.DoesNotContain(result.Output, l => l.Contains(AccountKey, StringComparison.Ordinal));
        Assert.DoesNotContain(result.Error, l => l.Contains(AccountKey, StringComparison.Ordinal));
    }

    // A loopback port nobody listens on: bound, released, and refused from then on (until something else takes it).
    private static int ClosedLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
