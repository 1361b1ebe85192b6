namespace Grainflow.Client.Tests.Process;

/// <summary>The silo's control API options, checked before anything starts.</summary>
public sealed class SiloControlOptionTests
{
    [Theory]
    [InlineData("http://0.0.0.0:5180")]
    [InlineData("http://[::]:5180")]
    public async Task Silo_OffLoopbackWithoutToken_Exits2SayingToPassAToken(string url)
    {
        var result = await ChildProcess.RunAsync(ChildProcess.Silo, null, "sample", "--control-url", url);
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal(
            $"grainflow-silo: The control API would listen on {new Uri(url)}, which is not a loopback address, and anyone who can reach it could stop jobs: " +
            "pass --control-token <token> (or set GRAINFLOW_CONTROL_TOKEN), or bind it to 127.0.0.1. See 'grainflow-silo --help'.",
            result.StandardError);
    }

    [Fact]
    public async Task Silo_BadControlUrl_Exits2()
    {
        var result = await ChildProcess.RunAsync(ChildProcess.Silo, null, "sample", "--control-url", "https://127.0.0.1:1/x");
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal(
            "grainflow-silo: Option '--control-url' expects an http:// address such as http://127.0.0.1:5180, or 'none', not 'https://127.0.0.1:1/x'. See 'grainflow-silo --help'.",
            result.StandardError);
    }

    [Fact]
    public async Task Wordcount_ControlUrlNone_RunsToTheEndWithoutTheApi()
    {
        using var directory = new TempDirectory();
        await File.WriteAllTextAsync(directory.Sub("in.txt"), "a b a\n");

        var result = await ChildProcess.RunAsync(
            ChildProcess.Silo, null, "wordcount", "--input", directory.Sub("in.txt"), "--output", directory.Sub("out"), "--checkpoint-dir", directory.Sub("chk"), "--control-url", "none");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain(result.Output, line => line.Contains("control API listening", StringComparison.Ordinal));
        Assert.Contains(result.Output, line => line.StartsWith("[wordcount] done: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SiloHelp_TokenInTheEnvironment_IsNeverShown()
    {
        var result = await ChildProcess.RunAsync(ChildProcess.Silo, new Dictionary<string, string?> { ["GRAINFLOW_CONTROL_TOKEN"] = "env-secret" }, "--help");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(result.Output, l => l.Contains("--control-url <url>", StringComparison.Ordinal));
        Assert.Contains(result.Output, l => l.Contains("--control-token <token>", StringComparison.Ordinal));
        Assert.DoesNotContain("env-secret", result.StandardOutput, StringComparison.Ordinal);
    }
}
