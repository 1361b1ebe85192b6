using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Grainflow.Benchmarks.Harness;

/// <summary>
/// An Orleans client in its own host, connected to a <see cref="BenchmarkSilo"/> through the silo's gateway on
/// loopback, as a client console app (<c>grainflow produce</c>) connects: its calls are serialized and cross a socket,
/// even though the silo runs in the same process.
/// </summary>
internal sealed class BenchmarkClient : IAsyncDisposable
{
    private readonly IHost _host;

    private BenchmarkClient(IHost host) => _host = host;

    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    /// <summary>Connects to the gateway at <paramref name="gatewayPort"/>; <paramref name="configure"/> adds the client's stream providers.</summary>
    public static async Task<BenchmarkClient> ConnectAsync(int gatewayPort, Action<IClientBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter(BenchmarkSilo.MemoryStreamAdapterLogCategory, LogLevel.Critical);
        builder.UseOrleansClient(client =>
        {
            client.UseLocalhostClustering(gatewayPort);
            configure?.Invoke(client);
        });

        var host = builder.Build();
        await host.StartAsync().ConfigureAwait(false);
        return new BenchmarkClient(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync().ConfigureAwait(false);
        _host.Dispose();
    }
}
