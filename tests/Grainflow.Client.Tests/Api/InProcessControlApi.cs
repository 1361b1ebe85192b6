using Grainflow.Grains.Control;
using Grainflow.Silo.Control;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Grainflow.Client.Tests.Api;

/// <summary>
/// The silo's control API hosted service, started in this process on a free loopback port (port 0) over a
/// <see cref="FakeJobControl"/>, exactly as a silo host starts it.
/// </summary>
internal sealed class InProcessControlApi : IAsyncDisposable
{
    private readonly ControlApiHostedService _service;
    private readonly ServiceProvider _services;

    private InProcessControlApi(ControlApiHostedService service, ServiceProvider services, FakeJobControl jobs, StringWriter console)
    {
        _service = service;
        Jobs = jobs;
        _services = services;
        Console = console;
    }

    public FakeJobControl Jobs { get; }

    /// <summary>What the API wrote to the silo's stdout.</summary>
    public StringWriter Console { get; }

    /// <summary>Where clients reach it (always 127.0.0.1, whatever the API is bound to).</summary>
    public Uri Url { get; private set; } = null!;

    public static async Task<InProcessControlApi> StartAsync(string? token = null, string bindHost = "127.0.0.1")
    {
        var console = new StringWriter();
        var services = new ServiceCollection();
        var fake = new FakeJobControl();
        services.AddSingleton<IJobControl>(fake);
        var provider = services.BuildServiceProvider();
        var settings = new ControlApiSettings(new Uri($"http://{bindHost}:0"), token, urlGiven: true);
        var service = new ControlApiHostedService(settings, new ControlApiConsole(console), provider, NullLoggerFactory.Instance);
        await service.StartAsync(CancellationToken.None);
        var api = new InProcessControlApi(service, provider, fake, console);
        api.Url = new Uri($"http://127.0.0.1:{new Uri(service.Addresses[0]).Port}");
        return api;
    }

    public HttpClient CreateClient(string? token = null)
    {
        var client = new HttpClient { BaseAddress = Url };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _service.StopAsync(CancellationToken.None);
        await _service.DisposeAsync();
        await _services.DisposeAsync();
    }
}
