using Grainflow.Client.Tests.Api;

namespace Grainflow.Client.Tests.Client;

/// <summary>The client against an API bound off loopback (0.0.0.0, reached on 127.0.0.1) that requires a token.</summary>
public sealed class ClientTokenTests : IAsyncLifetime
{
    private const string Token = "tok-123";

    private InProcessControlApi _api = null!;

    public async Task InitializeAsync() => _api = await InProcessControlApi.StartAsync(Token, bindHost: "0.0.0.0");

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Status_NoToken_Exits6SayingToPassOne()
    {
        var result = await ChildProcess.RunClientAsync("status", "--silo", _api.Url.ToString());
        ClientCommandTests.AssertFailure(
            result,
            6,
            "grainflow: unauthorized: This silo's control API requires a bearer token: send 'Authorization: Bearer <token>' " +
            "(the client's --token, or GRAINFLOW_CONTROL_TOKEN). Pass --token <token> or set GRAINFLOW_CONTROL_TOKEN.");
    }

    [Fact]
    public async Task Status_WrongToken_Exits6()
    {
        var result = await ChildProcess.RunClientAsync("status", "--silo", _api.Url.ToString(), "--token", "nope");
        ClientCommandTests.AssertFailure(
            result, 6, "grainflow: unauthorized: The bearer token is not this silo's control token. Check the token the silo was started with.");
    }

    [Fact]
    public async Task Status_TokenOption_IsAnswered()
    {
        var result = await ChildProcess.RunClientAsync("status", "--silo", _api.Url.ToString(), "--token", Token, "--json");
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task Status_TokenAndSiloFromTheEnvironment_IsAnswered()
    {
        var environment = new Dictionary<string, string?> { ["GRAINFLOW_CONTROL_TOKEN"] = Token, ["GRAINFLOW_SILO"] = _api.Url.ToString() };
        var result = await ChildProcess.RunAsync(ChildProcess.Client, environment, "state", "get", "--operator", "count", "--key", "the");
        ClientCommandTests.AssertSuccess(result, "operator count, key 'the', state 'count': 42");
    }
}
