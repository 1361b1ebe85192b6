using Grainflow.Runtime;
using Grainflow.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Grainflow.TestingHost;

/// <summary>
/// An in-process silo for tests, in the spirit of Orleans.TestingHost: start it with the grains and options
/// a test needs, get grains, stop it. Its log is captured in <see cref="Log"/> for assertions.
/// </summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private TestSilo(IHost host, CapturedLog log)
    {
        _host = host;
        Log = log;
    }

    /// <summary>The factory of grain references.</summary>
    public IGrainFactory GrainFactory => Silo.GrainFactory;

    /// <summary>The silo.</summary>
    public Silo Silo => _host.Services.GetRequiredService<Silo>();

    /// <summary>The silo's services.</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>Every log entry written so far.</summary>
    public CapturedLog Log { get; }

    /// <summary>Starts a silo configured by <paramref name="configure"/>; pass a <see cref="ManualTimeProvider"/> to fake time.</summary>
    public static async Task<TestSilo> StartAsync(
        Action<SiloBuilder> configure,
        TimeProvider? timeProvider = null,
        Action<IServiceCollection>? configureServices = null,
        CancellationToken cancellationToken = default)
    {
        var log = new CapturedLog();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders().AddProvider(log).SetMinimumLevel(LogLevel.Debug);
        if (timeProvider is not null)
        {
            builder.Services.AddSingleton(timeProvider);
        }

        configureServices?.Invoke(builder.Services);
        builder.Services.AddGrainflowSilo(configure);
        var host = builder.Build();
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        return new TestSilo(host, log);
    }

    /// <summary>Stops the silo gracefully (deactivating every activation).</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _host.StopAsync(cancellationToken);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync().ConfigureAwait(false);
        if (_host is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            _host.Dispose();
        }
    }
}
