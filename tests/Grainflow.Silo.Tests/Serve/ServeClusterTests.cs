using System.Diagnostics;
using System.Globalization;
using System.Net;
using Azure.Data.Tables;
using Grainflow.Silo.Cluster;
using Grainflow.Silo.Tests.Process;
using Grainflow.Tests.Shared.Azurite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Xunit.Abstractions;

namespace Grainflow.Silo.Tests.Serve;

/// <summary>
/// Two <c>grainflow-silo serve</c> processes on distinct loopback ports, clustered through Azure Table membership in
/// Azurite: both become Active in one cluster; one is killed hard (SIGKILL) and the other declares it dead within
/// seconds (the streaming-tuned failure detection), then stops gracefully on SIGTERM.
/// </summary>
public sealed class ServeClusterTests(AzuriteTableFixture azurite, ITestOutputHelper log) : IClassFixture<AzuriteTableFixture>
{
    // Orleans' defaults take 10-15 s; the tuned settings about 1 s on loopback. The bound leaves room for a loaded machine.
    private static readonly TimeSpan s_deathDeclarationBound = TimeSpan.FromSeconds(8);
    private static readonly TimeSpan s_clusterFormationDeadline = TimeSpan.FromSeconds(60);

    [UnixFact]
    public async Task Serve_TwoSilosOneKilledHard_ClusterFormsAndDeclaresTheKilledSiloDeadQuickly()
    {
        var clusterId = "serve-" + Guid.NewGuid().ToString("N")[..12];
        var ports = LoopbackPorts.Free(4);
        var (siloA, gatewayA, siloB, gatewayB) = (ports[0], ports[1], ports[2], ports[3]);

        await using var first = StartSilo(clusterId, siloA, gatewayA);
        await first.WaitForOutputLineAsync($"[serve] silo 127.0.0.1:{siloA} is active in cluster '{clusterId}'");
        await using var second = StartSilo(clusterId, siloB, gatewayB);
        await second.WaitForOutputLineAsync($"[serve] silo 127.0.0.1:{siloB} is active in cluster '{clusterId}'");

        using var client = await ConnectClientAsync(clusterId, gatewayA);
        var management = client.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0);
        Assert.Equal(new[] { siloA, siloB }.Order(), await WaitForActiveSilosAsync(management, count: 2));

        var killedAt = Stopwatch.StartNew();
        var killed = await second.KillAsync();
        var declared = await first.WaitForOutputLineAsync($"[cluster] silo 127.0.0.1:{siloB} is Dead");
        var detection = killedAt.Elapsed;
        log.WriteLine($"kill -9 of silo 127.0.0.1:{siloB} to its death declaration by 127.0.0.1:{siloA}: {detection.TotalMilliseconds:F0} ms");

        Assert.Equal($"[cluster] silo 127.0.0.1:{siloB} is Dead; 1 active", declared);
        Assert.True(detection < s_deathDeclarationBound, $"Declared dead after {detection}, beyond {s_deathDeclarationBound}.");
        var hosts = await management.GetHosts(onlyActive: false);
        Assert.Equal(SiloStatus.Dead, hosts.Single(h => h.Key.Endpoint.Port == siloB).Value);
        Assert.Equal([siloA], (await management.GetHosts(onlyActive: true)).Keys.Select(s => s.Endpoint.Port));
        Assert.True(killed.ExitCode != 0, killed.ToString());

        await client.StopAsync();
        first.Terminate();
        var stopped = await first.WaitForExitAsync();
        Assert.True(stopped.ExitCode == 0, stopped.ToString());
        Assert.Equal("[serve] silo stopped", stopped.Output[^1]);
        await AssertJobTableCreatedAsync();
        var key = AzuriteFixture.AccountKey;
        Assert.All(new[] { killed, stopped }, run => Assert.DoesNotContain(run.Output.Concat(run.Error), l => l.Contains(key, StringComparison.Ordinal)));
    }

    private ChildProcess StartSilo(string clusterId, int siloPort, int gatewayPort) => SiloProcess.Start(
        "serve", "--cluster-storage", azurite.ConnectionString, "--cluster-id", clusterId,
        "--silo-port", Text(siloPort), "--gateway-port", Text(gatewayPort), "--control-url", "none");

    private static async Task<IHost> ConnectClientAsync(string clusterId, int gatewayPort)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleansClient(client => client
            .UseStaticClustering(new IPEndPoint(IPAddress.Loopback, gatewayPort))
            .Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = clusterId;
                cluster.ServiceId = clusterId;
            }));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    // Membership reaches every silo by gossip shortly after a join: poll the cluster's own view, within a deadline.
    private static async Task<int[]> WaitForActiveSilosAsync(IManagementGrain management, int count)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var active = (await management.GetHosts(onlyActive: true)).Keys.Select(s => s.Endpoint.Port).Order().ToArray();
            if (active.Length >= count || deadline.Elapsed > s_clusterFormationDeadline)
            {
                return active;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }

    // The silos registered the running-jobs grain storage in the cluster's account, which created its table on start.
    private async Task AssertJobTableCreatedAsync()
    {
        var tables = new TableServiceClient(azurite.ConnectionString);
        var names = new List<string>();
        await foreach (var table in tables.QueryAsync(t => t.Name == ClusterSiloBuilderExtensions.JobTableName))
        {
            names.Add(table.Name);
        }

        Assert.Equal([ClusterSiloBuilderExtensions.JobTableName], names);
    }

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);
}
