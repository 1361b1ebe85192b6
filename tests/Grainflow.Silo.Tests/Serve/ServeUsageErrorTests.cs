using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Grainflow.Silo.Tests.Process;

namespace Grainflow.Silo.Tests.Serve;

/// <summary>
/// <c>grainflow-silo serve</c> refusing what cannot work before a silo starts: one line on stderr saying what to fix,
/// exit code 2, never a stack trace or a secret.
/// </summary>
public sealed class ServeUsageErrorTests
{
    private const string SeeHelp = " See 'grainflow-silo --help'.";
    private const string SecretKey = "U0VDUkVUS0VZU0VDUkVUS0VZ";

    [Fact]
    public async Task Serve_MalformedConnectionString_ExitsTwoWithoutQuotingIt()
    {
        var result = await SiloProcess.RunAsync("serve", "--cluster-storage", $"AccountKey={SecretKey};no endpoint", "--control-url", "none");

        AssertUsageError(
            result,
            "grainflow-silo: --cluster-storage is not a usable Azure Storage connection string: give UseDevelopmentStorage=true, " +
            "'DefaultEndpointsProtocol=https;AccountName=...;AccountKey=...', or one with a TableEndpoint and a SharedAccessSignature." + SeeHelp);
    }

    [Fact]
    public async Task Serve_UnreachableTableEndpoint_ExitsTwoSayingWhatToCheck()
    {
        var closedPort = LoopbackPorts.Free(1)[0];
        var connectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={SecretKey};" +
                               $"TableEndpoint=http://127.0.0.1:{closedPort}/devstoreaccount1;";

        var result = await SiloProcess.RunAsync("serve", "--cluster-storage", connectionString, "--control-url", "none");

        AssertUsageError(
            result,
            $"grainflow-silo: --cluster-storage: the Azure Table storage at http://127.0.0.1:{closedPort}/devstoreaccount1 cannot be used (no answer); " +
            "check that the storage account or Azurite (with its table service) is running and that the connection string's TableEndpoint reaches it." + SeeHelp);
    }

    [Fact]
    public async Task Serve_PortOutOfRange_ExitsTwoNamingTheOption()
    {
        var result = await SiloProcess.RunAsync("serve", "--silo-port", "70000");

        AssertUsageError(result, "grainflow-silo: Option '--silo-port' expects a port number from 1 to 65535, not '70000'." + SeeHelp);
    }

    [Fact]
    public async Task Serve_GatewayPortServedByAnotherProcess_ExitsTwoBeforeStartingTheSilo()
    {
        using var other = new TcpListener(IPAddress.Loopback, 0);
        other.Start();
        var takenPort = ((IPEndPoint)other.LocalEndpoint).Port;

        var result = await SiloProcess.RunAsync(
            "serve", "--silo-port", Text(LoopbackPorts.Free(1)[0]), "--gateway-port", Text(takenPort), "--control-url", "none");

        AssertUsageError(
            result,
            $"grainflow-silo: Option '--gateway-port': 127.0.0.1:{takenPort} is already served by another process (another silo?); pass a free port." + SeeHelp);
    }

    [Fact]
    public async Task Serve_ZeroProbeTimeoutInConfiguration_ExitsTwoNamingTheSection()
    {
        var environment = new Dictionary<string, string?> { ["Grainflow__Silo__ProbeTimeout"] = "00:00:00" };

        var ports = LoopbackPorts.Free(2);
        var result = await ChildProcess.RunAsync(
            ChildProcess.Silo, environment, "serve", "--silo-port", Text(ports[0]), "--gateway-port", Text(ports[1]), "--control-url", "none");

        AssertUsageError(
            result,
            "grainflow-silo: Invalid silo options: ProbeTimeout must be greater than zero (was 00:00:00). Fix the Grainflow:Silo configuration section." + SeeHelp);
    }

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);

    private static void AssertUsageError(ProcessResult result, string message)
    {
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal([message], result.Error);
        Assert.Empty(result.Output);
        Assert.DoesNotContain(result.Output.Concat(result.Error), line => line.Contains(SecretKey, StringComparison.Ordinal));
    }
}
