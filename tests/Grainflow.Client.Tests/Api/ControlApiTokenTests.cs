using System.Net;
using Grainflow.Grains.Control;
using Grainflow.Silo.CommandLine;
using Grainflow.Silo.Control;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Grainflow.Client.Tests.Api;

/// <summary>The bearer token: required on every request when configured, and required to bind off loopback.</summary>
public sealed class ControlApiTokenTests
{
    private const string Token = "s3cret-token";

    [Theory]
    [InlineData("/jobs/wordcount/status", "GET")]
    [InlineData("/jobs/wordcount/checkpoints", "POST")]
    [InlineData("/jobs/wordcount/savepoints/v1", "DELETE")]
    [InlineData("/jobs/wordcount/stop", "POST")]
    [InlineData("/jobs/wordcount/operators/count/state/the", "GET")]
    [InlineData("/no/such/path", "GET")]
    public async Task Request_TokenConfiguredButNotSent_Returns401Problem(string path, string method)
    {
        await using var api = await InProcessControlApi.StartAsync(Token, bindHost: "0.0.0.0");
        using var http = api.CreateClient();
        using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        await ControlApiTests.AssertProblemAsync(
            response,
            HttpStatusCode.Unauthorized,
            "This silo's control API requires a bearer token: send 'Authorization: Bearer <token>' (the client's --token, or GRAINFLOW_CONTROL_TOKEN).");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.False(api.Jobs.LastKey is not null, "the job was reached without a token");
    }

    [Theory]
    [InlineData("wrong")]
    [InlineData(Token + "x")]
    [InlineData("s3cret-toke")]
    public async Task Request_WrongToken_Returns401Problem(string token)
    {
        await using var api = await InProcessControlApi.StartAsync(Token, bindHost: "0.0.0.0");
        using var http = api.CreateClient(token);
        using var response = await http.GetAsync("/jobs/wordcount/status");
        await ControlApiTests.AssertProblemAsync(response, HttpStatusCode.Unauthorized, "The bearer token is not this silo's control token.");
    }

    [Fact]
    public async Task Request_OtherScheme_Returns401Problem()
    {
        await using var api = await InProcessControlApi.StartAsync(Token);
        using var http = api.CreateClient();
        http.DefaultRequestHeaders.Authorization = new("Basic", Token);
        using var response = await http.GetAsync("/jobs/wordcount/status");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Request_RightToken_IsAnswered()
    {
        await using var api = await InProcessControlApi.StartAsync(Token, bindHost: "0.0.0.0");
        using var http = api.CreateClient(Token);
        using var response = await http.GetAsync("/jobs/wordcount/operators/count/state/the");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("the", api.Jobs.LastKey);
    }

    [Fact]
    public async Task Request_LoopbackWithToken_StillRequiresIt()
    {
        await using var api = await InProcessControlApi.StartAsync(Token);
        using var http = api.CreateClient();
        using var response = await http.GetAsync("/jobs/wordcount/status");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public void Announcement_WithToken_NeverShowsIt()
    {
        var settings = new ControlApiSettings(new Uri("http://0.0.0.0:5180"), Token, urlGiven: true);
        Assert.DoesNotContain(Token, settings.ToString(), StringComparison.Ordinal);
        Assert.Null(settings.Problem);
    }

    [Theory]
    [InlineData("http://0.0.0.0:5180")]
    [InlineData("http://[::]:5180")]
    [InlineData("http://10.1.2.3:5180")]
    [InlineData("http://silo.example.com:5180")]
    public async Task Start_OffLoopbackWithoutToken_IsRefusedSayingToPassAToken(string url)
    {
        var settings = new ControlApiSettings(new Uri(url), token: null, urlGiven: true);
        var services = new ServiceCollection().AddSingleton<IJobControl>(new FakeJobControl()).BuildServiceProvider();
        await using var _ = services;
        var service = new ControlApiHostedService(settings, new ControlApiConsole(TextWriter.Null), services, NullLoggerFactory.Instance);
        var refusal = await Assert.ThrowsAsync<UsageException>(() => service.StartAsync(CancellationToken.None));
        Assert.Equal(
            $"The control API would listen on {new Uri(url)}, which is not a loopback address, and anyone who can reach it could stop jobs: " +
            "pass --control-token <token> (or set GRAINFLOW_CONTROL_TOKEN), or bind it to 127.0.0.1.",
            refusal.Message);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5180")]
    [InlineData("http://127.0.0.2:5180")]
    [InlineData("http://localhost:5180")]
    [InlineData("http://[::1]:5180")]
    public void Settings_LoopbackWithoutToken_AreAllowed(string url) =>
        Assert.Null(new ControlApiSettings(new Uri(url), token: null).Problem);

    [Fact]
    public async Task Start_ExplicitAddressTaken_IsAUsageError()
    {
        await using var first = await InProcessControlApi.StartAsync();
        var settings = new ControlApiSettings(first.Url, token: null, urlGiven: true);
        var services = new ServiceCollection().AddSingleton<IJobControl>(new FakeJobControl()).BuildServiceProvider();
        await using var _ = services;
        var service = new ControlApiHostedService(settings, new ControlApiConsole(TextWriter.Null), services, NullLoggerFactory.Instance);
        var refusal = await Assert.ThrowsAsync<UsageException>(() => service.StartAsync(CancellationToken.None));
        Assert.StartsWith($"The control API cannot listen on {first.Url}: ", refusal.Message, StringComparison.Ordinal);
        Assert.EndsWith("Pass another --control-url, or 'none'.", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_DefaultAddressTaken_WarnsAndRunsWithoutTheApi()
    {
        await using var first = await InProcessControlApi.StartAsync();
        var settings = new ControlApiSettings(first.Url, token: null, urlGiven: false);
        var services = new ServiceCollection().AddSingleton<IJobControl>(new FakeJobControl()).BuildServiceProvider();
        await using var _ = services;
        using var console = new StringWriter();
        await using var service = new ControlApiHostedService(settings, new ControlApiConsole(console), services, NullLoggerFactory.Instance);
        await service.StartAsync(CancellationToken.None);
        Assert.Empty(service.Addresses);
        Assert.Equal(
            $"warning: control API not started: {first.Url} is taken; pass --control-url <url> to choose another address.{Environment.NewLine}",
            console.ToString());
    }
}
