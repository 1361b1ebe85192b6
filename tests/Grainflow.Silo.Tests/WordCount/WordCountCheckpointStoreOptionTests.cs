using System.Net;
using System.Net.Sockets;
using Grainflow.Silo.Tests.Process;

namespace Grainflow.Silo.Tests.WordCount;

/// <summary>
/// <c>--checkpoint-store</c> against <c>--checkpoint-dir</c>, and a store that cannot be used at start: exit code 2 with
/// a message saying what to check, and never the account key or the SAS signature.
/// </summary>
public sealed class WordCountCheckpointStoreOptionTests
{
    private const string AccountKey = "c2VjcmV0LWFjY291bnQta2V5LW5ldmVyLXByaW50ZWQ=";
    private const string Signature = "sig-never-printed-4711";

    [Fact]
    public async Task WordCount_BothCheckpointDirAndStore_ExitsTwoSayingPassOne()
    {
        using var dir = new TempDirectory();

        var result = await RunAsync(dir, "--checkpoint-dir", dir.Sub("chk"), "--checkpoint-store", "UseDevelopmentStorage=true");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            "grainflow-silo: Options '--checkpoint-dir' and '--checkpoint-store' exclude each other; pass one of them. See 'grainflow-silo --help'.",
            Assert.Single(result.Error));
        Assert.Empty(result.Output);
    }

    [Fact]
    public async Task WordCount_NeitherCheckpointDirNorStore_ExitsTwoSayingWhereCheckpointsGo()
    {
        using var dir = new TempDirectory();

        var result = await RunAsync(dir);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            "grainflow-silo: Pass where checkpoints go: '--checkpoint-dir <dir>', '--checkpoint-store <connection-string>' or " +
            "'--checkpoint-store-url <url>'. See 'grainflow-silo --help'.",
            Assert.Single(result.Error));
    }

    [Fact]
    public async Task WordCount_ContainerWithCheckpointDir_ExitsTwo()
    {
        using var dir = new TempDirectory();

        var result = await RunAsync(dir, "--checkpoint-dir", dir.Sub("chk"), "--checkpoint-container", "mine");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'--checkpoint-container' applies only with '--checkpoint-store'", Assert.Single(result.Error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WordCount_InvalidContainerName_ExitsTwoNamingTheRule()
    {
        using var dir = new TempDirectory();

        var result = await RunAsync(dir, "--checkpoint-store", "UseDevelopmentStorage=true", "--checkpoint-container", "Bad_Name");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("expects a container name (3 to 63 lower-case letters, digits and single hyphens), not 'Bad_Name'", Assert.Single(result.Error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WordCount_MalformedConnectionString_ExitsTwoWithoutTheKey()
    {
        using var dir = new TempDirectory();

        var result = await RunAsync(dir, "--checkpoint-store", $"AccountKey={AccountKey};Endpoint");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("grainflow-silo: --checkpoint-store is not a usable connection string: ", Assert.Single(result.Error), StringComparison.Ordinal);
        AssertNeverPrinted(result, AccountKey);
    }

    [Fact]
    public async Task WordCount_AccountKeyStoreNotListening_ExitsTwoSayingWhatToCheckWithoutTheKey()
    {
        using var dir = new TempDirectory();
        var endpoint = $"http://127.0.0.1:{ClosedLoopbackPort()}/devstoreaccount1";

        var result = await RunAsync(
            dir, "--checkpoint-store", $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};BlobEndpoint={endpoint};");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            $"grainflow-silo: --checkpoint-store: the blob container {endpoint}/grainflow-checkpoints cannot be used (no answer); check that the storage " +
            "account or Azurite (infra/azurite/start-azurite.sh) is running and that the connection string's endpoint reaches it. See 'grainflow-silo --help'.",
            Assert.Single(result.Error));
        AssertNeverPrinted(result, AccountKey);
    }

    [Fact]
    public async Task WordCount_SasStoreNotListening_ExitsTwoWithoutTheSignature()
    {
        using var dir = new TempDirectory();
        var endpoint = $"http://127.0.0.1:{ClosedLoopbackPort()}/devstoreaccount1";

        var result = await RunAsync(
            dir, "--checkpoint-store", $"BlobEndpoint={endpoint};SharedAccessSignature=sv=2025-05-05&ss=b&srt=sco&sp=rwdlac&sig={Signature}",
            "--checkpoint-container", "jobs-eu");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"the blob container {endpoint}/jobs-eu cannot be used (no answer)", Assert.Single(result.Error), StringComparison.Ordinal);
        AssertNeverPrinted(result, Signature);
    }

    [Fact]
    public async Task WordCount_StoreAndStoreUrl_ExitsTwoSayingPassOne()
    {
        using var dir = new TempDirectory();

        var result = await RunAsync(dir, "--checkpoint-store", "UseDevelopmentStorage=true", "--checkpoint-store-url", "https://acct.blob.core.windows.net");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            "grainflow-silo: Options '--checkpoint-store' and '--checkpoint-store-url' exclude each other; pass one of them. See 'grainflow-silo --help'.",
            Assert.Single(result.Error));
    }

    [Theory]
    [InlineData("http://acct.blob.core.windows.net", "expects an https:// URL, such as https://<account>.blob.core.windows.net.")]
    [InlineData("https://acct.blob.core.windows.net/jobs?sv=2026-06-06&sig=" + Signature, "takes a URL without a query; pass a SAS with '--checkpoint-store' instead.")]
    public async Task WordCount_UnusableStoreUrl_ExitsTwoWithoutEchoingIt(string url, string why)
    {
        using var dir = new TempDirectory();

        var result = await RunAsync(dir, "--checkpoint-store-url", url);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"grainflow-silo: Option '--checkpoint-store-url' {why} See 'grainflow-silo --help'.", Assert.Single(result.Error));
        AssertNeverPrinted(result, Signature);
    }

    [Fact]
    public async Task WordCount_StoreUrlWithoutEntraIdentity_ExitsTwoSayingHowToSignIn()
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.Sub("input.txt"), "a b a\n");
        var endpoint = $"https://127.0.0.1:{ClosedLoopbackPort()}/devstoreaccount1";
        // Only the environment's identity is tried, and the environment names none: no request leaves the machine.
        var noIdentity = new Dictionary<string, string?>
        {
            ["AZURE_TOKEN_CREDENTIALS"] = "EnvironmentCredential",
            ["AZURE_TENANT_ID"] = null,
            ["AZURE_CLIENT_ID"] = null,
            ["AZURE_CLIENT_SECRET"] = null,
            ["AZURE_CLIENT_CERTIFICATE_PATH"] = null,
            ["AZURE_USERNAME"] = null,
        };

        var result = await ChildProcess.RunAsync(
            ChildProcess.Silo, noIdentity, "wordcount", "--input", dir.Sub("input.txt"), "--output", dir.Sub("out"), "--checkpoint-store-url", endpoint);

        Assert.Equal(2, result.ExitCode);
        var error = Assert.Single(result.Error);
        Assert.StartsWith(
            $"grainflow-silo: --checkpoint-store-url: no Microsoft Entra credential could sign in for the blob container {endpoint}/grainflow-checkpoints (",
            error,
            StringComparison.Ordinal);
        Assert.EndsWith(
            "sign in with 'az login', or run with a managed or workload identity, or set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET. " +
            "See 'grainflow-silo --help'.",
            error,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_WordCount_ListsTheStoreOptionsAndNoCredential()
    {
        var result = await SiloProcess.RunAsync("wordcount", "--help");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(result.Output, l => l.Contains("--checkpoint-store <connection-string>", StringComparison.Ordinal));
        Assert.Contains(result.Output, l => l.Contains("--checkpoint-store-url <url>", StringComparison.Ordinal));
        Assert.Contains(result.Output, l => l.Contains("--checkpoint-container <name>", StringComparison.Ordinal) && l.Contains("[default: grainflow-checkpoints]", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Output, l => l.Contains("AccountKey=", StringComparison.OrdinalIgnoreCase) || l.Contains("sig=", StringComparison.OrdinalIgnoreCase));
    }

    private static async Task<ProcessResult> RunAsync(TempDirectory dir, params string[] checkpointOptions)
    {
        await File.WriteAllTextAsync(dir.Sub("input.txt"), "a b a\n");
        return await SiloProcess.RunAsync(["wordcount", "--input", dir.Sub("input.txt"), "--output", dir.Sub("out"), .. checkpointOptions]);
    }

    private static void AssertNeverPrinted(ProcessResult result, string secret)
    {
        Assert.DoesNotContain(result.Output, l => l.Contains(secret, StringComparison.Ordinal));
        Assert.DoesNotContain(result.Error, l => l.Contains(secret, StringComparison.Ordinal));
    }

    // A loopback port nobody listens on: bound, released, and refused from then on (until something else takes it).
    private static int ClosedLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
