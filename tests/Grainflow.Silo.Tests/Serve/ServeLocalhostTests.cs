using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Grainflow.Silo.Tests.Process;

namespace Grainflow.Silo.Tests.Serve;

/// <summary><c>grainflow-silo serve</c> without cluster storage: a one-silo localhost cluster with the control API and dashboard.</summary>
public sealed class ServeLocalhostTests
{
    private static readonly TimeSpan s_dashboardDeadline = TimeSpan.FromSeconds(30);

    [UnixFact]
    public async Task Serve_NoClusterStorage_DashboardSeesTheSiloAndSigtermStopsItWithExitZero()
    {
        var ports = LoopbackPorts.Free(3);
        var (siloPort, gatewayPort, controlPort) = (ports[0], ports[1], ports[2]);
        await using var silo = SiloProcess.Start(
            "serve", "--cluster-id", "local-test", "--silo-port", Text(siloPort), "--gateway-port", Text(gatewayPort),
            "--control-url", $"http://127.0.0.1:{controlPort}");

        var active = await silo.WaitForOutputLineAsync("[serve] silo ");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{controlPort}") };
        var hosts = await WaitForDashboardHostsAsync(http);
        silo.Terminate();
        var stopped = await silo.WaitForExitAsync();

        Assert.Equal(
            $"[serve] silo 127.0.0.1:{siloPort} is active in cluster 'local-test' (localhost clustering, one silo); Ctrl+C or SIGTERM stops it",
            active);

        // The dashboard's client reached this silo's gateway with the cluster's id (a gateway refuses another id).
        var host = Assert.Single(hosts);
        Assert.StartsWith($"127.0.0.1:{siloPort}@", host.GetProperty("siloAddress").GetString(), StringComparison.Ordinal);
        Assert.Equal("Active", host.GetProperty("status").GetString());
        Assert.True(stopped.ExitCode == 0, stopped.ToString());
        Assert.Equal("[serve] silo stopped", stopped.Output[^1]);
    }

    // The dashboard's client connects in the background once the API listens: poll until it reports the cluster.
    private static async Task<List<JsonElement>> WaitForDashboardHostsAsync(HttpClient http)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            using var response = await http.GetAsync(new Uri("/dashboard/DashboardCounters", UriKind.Relative));
            if (response.StatusCode == HttpStatusCode.OK)
            {
                using var counters = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                var hosts = counters.RootElement.GetProperty("hosts").EnumerateArray().Select(h => h.Clone()).ToList();
                if (hosts.Count > 0 || deadline.Elapsed > s_dashboardDeadline)
                {
                    return hosts;
                }
            }
            else if (deadline.Elapsed > s_dashboardDeadline)
            {
                Assert.Fail($"The dashboard answered {response.StatusCode} for {s_dashboardDeadline}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);
}
