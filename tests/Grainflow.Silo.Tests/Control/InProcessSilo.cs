using Grainflow.Silo.Control;
using Grainflow.Silo.Hosting;
using Grainflow.Silo.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Grainflow.Silo.Tests.Control;

/// <summary>
/// The silo host every grainflow-silo command runs (an Orleans silo with Grainflow, the job registry and its
/// supervisor, and the control API on a free loopback port), started in this process with no job, as a silo of a
/// cluster waits for jobs to be started through the API. Shared by the tests of one class.
/// </summary>
public sealed class InProcessSilo : IAsyncLifetime
{
    private IHost? _host;

    /// <summary>Where the control API answers.</summary>
    public Uri Url { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var settings = new SiloSettings
        {
            LogLevel = LogLevel.Warning,
            Control = new ControlApiSettings(new Uri("http://127.0.0.1:0"), token: null, urlGiven: true),
        };
        _host = SiloHostBuilder.Create(settings, grainflow => SiloCheckpointStorages.Register(grainflow, TextWriter.Null)).Build();
        await _host.StartAsync();
        var api = _host.Services.GetServices<IHostedService>().OfType<ControlApiHostedService>().Single();
        Url = new Uri(api.Addresses[0]);
    }

    public HttpClient CreateClient() => new() { BaseAddress = Url };

    public async Task DisposeAsync()
    {
        if (_host is { } host)
        {
            await host.StopAsync();
            host.Dispose();
        }
    }
}
