using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Grainflow.Benchmarks.Harness;

/// <summary>
/// A one-silo Orleans cluster in this process, hosted the way an application hosts one: the generic host,
/// <c>UseOrleans</c> with localhost clustering on two free loopback ports (so runs never collide with each other or
/// with another engineer's silo), logging at Warning. Each probe starts its own and disposes it.
/// </summary>
internal sealed class BenchmarkSilo : IAsyncDisposable
{
    /// <summary>The category Orleans' memory stream adapter logs under (the logger's own type name).</summary>
    public const string MemoryStreamAdapterLogCategory = "Microsoft.Extensions.Logging.ILogger";

    private readonly IHost _host;

    private BenchmarkSilo(IHost host, int gatewayPort)
    {
        _host = host;
        GatewayPort = gatewayPort;
    }

    /// <summary>The loopback port of the silo's gateway, for a client in another host (<see cref="BenchmarkClient"/>).</summary>
    public int GatewayPort { get; }

    public IServiceProvider Services => _host.Services;

    public IGrainFactory GrainFactory => _host.Services.GetRequiredService<IGrainFactory>();

    /// <summary>Builds and starts the silo; <paramref name="configure"/> adds what the probe hosts (Grainflow, storage, ...).</summary>
    public static async Task<BenchmarkSilo> StartAsync(Action<ISiloBuilder>? configure = null)
    {
        // As grainflow-silo does: appsettings.json read once, so no watcher handles the file events of the runs.
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection([new("hostBuilder:reloadConfigOnChange", "false")]);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Configuration = configuration });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        // A new silo's watchdog reports its first check as late by the machine's uptime, on every start; a real
        // starvation shows in the figures, and the header prints the load average.
        builder.Logging.AddFilter("Orleans.Runtime.Watchdog", LogLevel.Error);

        // Orleans' memory stream adapter logs every append its full queue refuses as an error, under this category name;
        // the streams harness retries those appends and counts them itself.
        builder.Logging.AddFilter(MemoryStreamAdapterLogCategory, LogLevel.Critical);
        builder.Services.Configure<ConsoleLifetimeOptions>(lifetime => lifetime.SuppressStatusMessages = true);
        var gatewayPort = FreeLoopbackPort();
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(FreeLoopbackPort(), gatewayPort);
            configure?.Invoke(silo);
        });

        var host = builder.Build();
        await host.StartAsync().ConfigureAwait(false);
        return new BenchmarkSilo(host, gatewayPort);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync().ConfigureAwait(false);
        _host.Dispose();
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
