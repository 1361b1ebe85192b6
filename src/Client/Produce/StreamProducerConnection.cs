using Azure.Data.Tables;
using Grainflow.Client.CommandLine;
using Grainflow.Streams.Log.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Serialization;

namespace Grainflow.Client.Produce;

/// <summary>
/// The Orleans client <c>grainflow produce --stream</c> appends through: connected to the cluster with the log stream
/// provider registered as the silos have it. A connection that failed is replaced by a new one (<see cref="ConnectAsync"/>
/// again): Orleans' client gives up on a gateway it saw die, and a restarted silo is a new gateway.
/// </summary>
internal sealed class StreamProducerConnection : IAsyncDisposable
{
    // A stopped client has nothing to flush; this only bounds a stop that waits on a dead gateway.
    private static readonly TimeSpan s_stopBound = TimeSpan.FromSeconds(2);

    // Between connection attempts: a restarting silo opens its gateway within a few of these.
    private static readonly TimeSpan s_attemptPause = TimeSpan.FromMilliseconds(250);

    private readonly IHost _host;
    private int _disposed;

    private StreamProducerConnection(IHost host)
    {
        _host = host;
    }

    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    /// <summary>Connects, retrying until <paramref name="deadline"/> passes.</summary>
    /// <exception cref="ClientFailure">No gateway answered in time (exit code 3), or the cluster storage is unusable (exit code 2).</exception>
    public static async Task<StreamProducerConnection> ConnectAsync(
        StreamProduceSettings settings, DateTimeOffset deadline, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client =>
        {
            Cluster(client, settings.Cluster);
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(10));
            client.AddGrainflowLogStreams(settings.Provider, o => o.Partitions = settings.Partitions);
            client.Services.Configure<ExceptionSerializationOptions>(o => o.SupportedNamespacePrefixes.Add("Grainflow"));
            client.UseConnectionRetryFilter(async (_, token) =>
            {
                if (time.GetUtcNow() >= deadline)
                {
                    return false;
                }

                await Task.Delay(s_attemptPause, time, token);
                return true;
            });
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
            return new StreamProducerConnection(host);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            host.Dispose();
            throw new ClientFailure(
                ClientExitCodes.SiloUnreachable,
                $"cannot reach {settings.Cluster.Description}: is the silo running? ('grainflow-silo wordcount' and 'serve' print " +
                "their gateway at start; pass it with --gateway host:port)",
                exception);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        using var bound = new CancellationTokenSource(s_stopBound);
        try
        {
            await _host.StopAsync(bound.Token);
        }
        catch (Exception exception) when (exception is OperationCanceledException or OrleansException or TimeoutException)
        {
            // A connection being replaced after a failure may not stop cleanly: its gateway is gone.
        }

        _host.Dispose();
    }

    private static void Cluster(IClientBuilder client, ProducerClusterSettings cluster)
    {
        client.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = cluster.ClusterId;
            o.ServiceId = cluster.ClusterId;
        });
        if (cluster.Gateway is { } gateway)
        {
            client.UseStaticClustering(gateway);
            return;
        }

        TableServiceClient tables;
        try
        {
            tables = new TableServiceClient(cluster.ClusterStorage);
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or InvalidOperationException)
        {
            // The SDK's message may quote the string; only the option is named.
            throw new ClientFailure(ClientExitCodes.UsageError, "--cluster-storage is not a usable Azure Storage connection string.", exception);
        }

        client.UseAzureStorageClustering(o => o.TableServiceClient = tables);
    }
}
