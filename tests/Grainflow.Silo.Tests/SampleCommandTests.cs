using System.Globalization;
using System.Text.RegularExpressions;
using Grainflow.Silo.Tests.Process;

namespace Grainflow.Silo.Tests;

/// <summary>The counter sample, run end to end by the built executable.</summary>
public sealed class SampleCommandTests
{
    [Fact]
    public async Task Sample_TenGrainsThousandCalls_ReportsActivationsAndAGracefulStop()
    {
        var result = await SiloProcess.RunAsync("sample", "--grains", "10", "--calls", "1000");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(result.Error);
        AssertLogged(result, "Counter sample: 1000 increments over 10 counter grains");
        AssertLogged(result, "Completed 1000 calls in", "; 10 activations");
        AssertLogged(result, "Verified: the 10 counters sum to 1000");
        AssertLogged(result, "Stopping the silo gracefully: 10 activations to deactivate");
        AssertLogged(result, "Stopped gracefully: 10 of 10 activations deactivated, 1000 of 1000 increments saved");
    }

    [Fact]
    public async Task Sample_FewerCallsThanGrains_UsesOneGrainPerCall()
    {
        var result = await SiloProcess.RunAsync("sample", "--grains", "50", "--calls", "7");

        Assert.True(result.ExitCode == 0, result.ToString());
        AssertLogged(result, "Verified: the 7 counters sum to 7");
        AssertLogged(result, "Stopped gracefully: 7 of 7 activations deactivated, 7 of 7 increments saved");
    }

    [Fact]
    public async Task Sample_LogLevelWarning_WritesNoInformation()
    {
        var result = await SiloProcess.RunAsync("sample", "--grains", "2", "--calls", "2", "--log-level", "Warning");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(result.Output);
    }

    [UnixFact]
    public async Task Sample_TerminatedWhileRunning_StopsGracefullySavingEveryAcknowledgedIncrement()
    {
        await using var silo = SiloProcess.Start("sample", "--grains", "100", "--calls", int.MaxValue.ToString(CultureInfo.InvariantCulture));
        await silo.WaitForOutputLineAsync(" calls, 100 activations");

        silo.Terminate();
        var result = await silo.WaitForExitAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        var interrupted = Assert.Single(result.Output, line => line.Contains("Interrupted after ", StringComparison.Ordinal));
        var completed = Regex.Match(interrupted, @"Interrupted after (\d+) of").Groups[1].Value;
        AssertLogged(result, "Stopping the silo gracefully: 100 activations to deactivate");
        AssertLogged(result, $"Stopped gracefully: 100 of 100 activations deactivated, {completed} of {completed} increments saved");
    }

    private static void AssertLogged(ProcessResult result, params string[] parts) =>
        Assert.True(
            result.Output.Any(line => parts.All(part => line.Contains(part, StringComparison.Ordinal))),
            $"No line contains all of [{string.Join(" | ", parts)}]:{Environment.NewLine}{result}");
}
