using Grainflow.Silo.Tests.Process;

namespace Grainflow.Silo.Tests;

/// <summary>The command-line surface of the built executable: help, and usage errors exiting with 2.</summary>
public sealed class CommandLineTests
{
    private const string SeeHelp = " See 'grainflow-silo --help'.";

    [Fact]
    public async Task Help_Root_ExitsZeroListingEverySiloOptionWithItsDefault()
    {
        var result = await SiloProcess.RunAsync("--help");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(result.Error);
        AssertListed(result, "--call-timeout <duration>", "[default: 30s]");
        AssertListed(result, "--collection-age <duration>", "[default: 15m]");
        AssertListed(result, "--collection-quantum <duration>", "[default: 1m]");
        AssertListed(result, "--shutdown-timeout <duration>", "[default: 20s]");
        AssertListed(result, "--log-level <Trace|Debug|Information|Warning|Error>", "[default: Information]");
        AssertListed(result, "sample", "Start a silo");
        AssertListed(result, "serve", "Run a silo of a cluster");
    }

    [Fact]
    public async Task Help_Sample_ExitsZeroListingItsOptionsAndTheSiloOptions()
    {
        var result = await SiloProcess.RunAsync("sample", "--help");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(result.Error);
        AssertListed(result, "--grains <n>", "[default: 1000]");
        AssertListed(result, "--calls <n>", "[default: 100000]");
        AssertListed(result, "--call-timeout <duration>", "[default: 30s]");
        AssertListed(result, "--shutdown-timeout <duration>", "[default: 20s]");
    }

    [Fact]
    public async Task Help_Serve_ExitsZeroListingTheClusterOptionsWithTheirDefaults()
    {
        var result = await SiloProcess.RunAsync("serve", "--help");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(result.Error);
        AssertListed(result, "--cluster-storage <connection-string>", "never printed");
        AssertListed(result, "--cluster-storage-url <url>", "DefaultAzureCredential");
        AssertListed(result, "--cluster-id <id>", "[default: grainflow]");
        AssertListed(result, "--silo-port <port>", "[default: 11111]");
        AssertListed(result, "--gateway-port <port>", "[default: 30000]");
        AssertListed(result, "--advertised-address <ip>", "[default: 127.0.0.1]");
        AssertListed(result, "--control-url <url>", "[default: http://127.0.0.1:5180]");
    }

    [Fact]
    public async Task Run_UnknownOption_ExitsTwoNamingIt()
    {
        var result = await SiloProcess.RunAsync("--bogus");

        AssertUsageError(result, "grainflow-silo: Unrecognized command or argument '--bogus'." + SeeHelp);
    }

    [Fact]
    public async Task Sample_NegativeGrains_ExitsTwoSayingWhatIsExpected()
    {
        var result = await SiloProcess.RunAsync("sample", "--grains", "-5");

        AssertUsageError(result, "grainflow-silo: Option '--grains' expects a whole number of at least 1, not '-5'." + SeeHelp);
    }

    [Fact]
    public async Task Sample_NonNumericCalls_ExitsTwoSayingWhatIsExpected()
    {
        var result = await SiloProcess.RunAsync("sample", "--calls", "many");

        AssertUsageError(result, "grainflow-silo: Option '--calls' expects a whole number of at least 1, not 'many'." + SeeHelp);
    }

    [Fact]
    public async Task Run_CallTimeoutNotADuration_ExitsTwoNamingTheOption()
    {
        var result = await SiloProcess.RunAsync("--call-timeout", "abc");

        AssertUsageError(
            result,
            "grainflow-silo: Option '--call-timeout' expects a duration such as 500ms, 30s, 5m, 1h, hh:mm:ss or infinite, not 'abc'." + SeeHelp);
    }

    [Fact]
    public async Task Sample_UnknownLogLevel_ExitsTwoListingTheLevels()
    {
        var result = await SiloProcess.RunAsync("sample", "--log-level", "Verbose");

        AssertUsageError(
            result,
            "grainflow-silo: Option '--log-level' expects one of Trace, Debug, Information, Warning, Error, not 'Verbose'." + SeeHelp);
    }

    [Fact]
    public async Task Sample_ZeroShutdownTimeout_RefusedByValidationWithExitTwo()
    {
        var result = await SiloProcess.RunAsync("sample", "--shutdown-timeout", "0s", "--grains", "1", "--calls", "1");

        AssertUsageError(
            result,
            "grainflow-silo: Invalid silo options: ShutdownTimeout must be greater than zero (was 00:00:00). "
            + "Fix --shutdown-timeout or the Grainflow:Silo configuration section." + SeeHelp);
    }

    [Fact]
    public async Task Sample_CollectionAgeBelowQuantum_RefusedByValidationNamingBothOptions()
    {
        var result = await SiloProcess.RunAsync("--collection-age", "30s", "sample", "--grains", "1", "--calls", "1");

        AssertUsageError(
            result,
            "grainflow-silo: Invalid silo options: CollectionQuantum (00:01:00) must not exceed CollectionAge (00:00:30). "
            + "Fix --collection-age, --collection-quantum or the Grainflow:Silo configuration section." + SeeHelp);
    }

    private static void AssertListed(ProcessResult result, string usage, string description) =>
        Assert.True(
            result.Output.Any(line => line.TrimStart().StartsWith(usage, StringComparison.Ordinal) && line.Contains(description, StringComparison.Ordinal)),
            $"'{usage}' with '{description}' is not in the help:{Environment.NewLine}{result}");

    private static void AssertUsageError(ProcessResult result, string message)
    {
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal([message], result.Error);
        Assert.Empty(result.Output);
    }
}
