using Grainflow.Silo.CommandLine;
using Grainflow.Silo.Hosting;
using Grainflow.Silo.Jobs;
using Grainflow.Silo.Streams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Grainflow.Silo.Cluster;

/// <summary>
/// <c>grainflow-silo serve</c>: checks the cluster storage, starts the silo, says which cluster it joined and reports
/// membership changes, and runs until Ctrl+C or SIGTERM stops it gracefully (exit 0). Jobs are started on the
/// cluster by the control API, not here.
/// </summary>
internal static class ServeRun
{
    public static async Task<int> RunAsync(SiloSettings silo, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(output);
        var cluster = silo.Cluster;
        if (cluster.Storage is { } storage)
        {
            await ClusterStorageProbe.CheckAsync(storage, cancellationToken);
        }

        await StreamStoreProbe.CheckAsync(silo.Streams, cancellationToken);

        // A serve silo runs whatever job is started on the cluster: it opens every checkpoint location kind.
        var builder = SiloHostBuilder.Create(silo, grainflow => SiloCheckpointStorages.Register(grainflow, output));
        builder.Services.AddSingleton(new MembershipReporter.Console(output));
        builder.Services.AddHostedService<MembershipReporter>();
        using var host = builder.Build();

        // A signal before or while the silo starts lets the start finish, then stops it as a later one does.
        using var stopOnSignal = cancellationToken.Register(host.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication);
        await SiloStart.StartAsync(host, cluster, CancellationToken.None);
        var membership = cluster.Storage?.Description ?? "localhost clustering, one silo";
        await output.WriteLineAsync(
            $"[serve] silo {SiloStart.AddressOf(host)} is active in cluster '{cluster.ClusterId}' ({membership}); Ctrl+C or SIGTERM stops it");
        await output.WriteLineAsync(SiloStart.DescribeStreams(host, silo.Streams));

        // Not the caller's token: the host's own lifetime (Ctrl+C, SIGTERM) ends the wait, then stops the silo within its bound.
        await host.WaitForShutdownAsync(CancellationToken.None);
        await output.WriteLineAsync("[serve] silo stopped");
        return ExitCodes.Success;
    }
}
