using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Serialization.Metadata;
using Grainflow.Interfaces.Control;

namespace Grainflow.Tests.Shared;

/// <summary>
/// Three (or more) <c>grainflow-silo serve</c> processes on loopback, clustered through Azure Table membership:
/// each with its own silo, gateway and control API ports, killed hard and started again on the same ports.
/// </summary>
internal sealed class SiloCluster(string clusterStorage, string clusterId, int size) : IAsyncDisposable
{
    // The silos of a cluster test live through several kills and restarts: every wait is bounded from their start.
    private static readonly TimeSpan s_siloLifetime = TimeSpan.FromMinutes(10);
    private readonly Member[] _members = [.. LoopbackPorts.Free(3 * size).Chunk(3).Select(ports => new Member(ports))];
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public int Size => size;

    public string ControlUrl(int member) => _members[member].ControlUrl;

    public bool IsRunning(int member) => _members[member].Process is not null;

    public async Task StartAsync()
    {
        for (var i = 0; i < size; i++)
        {
            await StartAsync(i);
        }
    }

    public async Task StartAsync(int member)
    {
        var m = _members[member];
        m.Taken = 0;
        m.Process = ChildProcess.StartLongLived(
            ChildProcess.Silo, s_siloLifetime, "serve", "--cluster-storage", clusterStorage, "--cluster-id", clusterId,
            "--silo-port", Text(m.SiloPort), "--gateway-port", Text(m.GatewayPort), "--control-url", m.ControlUrl);
        await m.Process.WaitForOutputLineAsync($"[serve] silo 127.0.0.1:{m.SiloPort} is active");
    }

    /// <summary>The processor time member <paramref name="member"/>'s running process has used so far.</summary>
    public TimeSpan ProcessorTime(int member) =>
        (_members[member].Process ?? throw new InvalidOperationException($"Silo {member} is not running.")).TotalProcessorTime;

    /// <summary>Kills member <paramref name="member"/> at once (SIGKILL): no shutdown code runs.</summary>
    public async Task KillAsync(int member)
    {
        var m = _members[member];
        var process = m.Process ?? throw new InvalidOperationException($"Silo {member} is not running.");
        m.Process = null;
        await process.KillAsync();
        await process.DisposeAsync();
    }

    /// <summary>The member whose silo address appears in <paramref name="silo"/> (a runtime identity such as "S127.0.0.1:11111:123").</summary>
    public int MemberOf(string silo) => Array.FindIndex(_members, m => silo.Contains($":{m.SiloPort}:", StringComparison.Ordinal));

    /// <summary>The job's status from the first running member that answers; null while none does (a coordinator being restarted answers 404).</summary>
    public Task<JobStatusView?> TryStatusAsync(string jobId) => TryGetAsync($"/jobs/{jobId}/status", ControlJsonContext.Default.JobStatusView);

    /// <summary>The job's completed checkpoints from the first running member that answers; null while none does.</summary>
    public Task<IReadOnlyList<CheckpointView>?> TryCheckpointsAsync(string jobId) =>
        TryGetAsync($"/jobs/{jobId}/checkpoints", ControlJsonContext.Default.IReadOnlyListCheckpointView);

    /// <summary>Polls the job's status until <paramref name="condition"/> holds, within <paramref name="deadline"/>.</summary>
    public async Task<JobStatusView> WaitForStatusAsync(string jobId, Func<JobStatusView, bool> condition, string what, TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        JobStatusView? last = null;
        while (!timeout.IsCancellationRequested)
        {
            last = await TryStatusAsync(jobId) ?? last;
            if (last is not null && condition(last))
            {
                return last;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), CancellationToken.None);
        }

        throw new TimeoutException($"Not within {deadline}: {what}. Last status: {(last is null ? "none" : $"{last.State}, checkpoint {last.LastCompletedCheckpointId}, coordinator {last.CoordinatorSilo}, message {last.Message}")}.");
    }

    /// <summary>The lines the running members wrote since the last call, each prefixed with its member's number.</summary>
    public List<string> TakeNewOutput()
    {
        var lines = new List<string>();
        for (var i = 0; i < _members.Length; i++)
        {
            if (_members[i].Process is { } process)
            {
                var output = process.OutputSoFar();
                lines.AddRange(output.Skip(_members[i].Taken).Select(l => $"[{i}] {l}"));
                _members[i].Taken = output.Count;
            }
        }

        return lines;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var m in _members)
        {
            if (m.Process is { } process)
            {
                await process.DisposeAsync();
            }
        }

        _http.Dispose();
    }

    private async Task<T?> TryGetAsync<T>(string path, JsonTypeInfo<T> type)
        where T : class
    {
        foreach (var m in _members.Where(m => m.Process is not null))
        {
            try
            {
                using var response = await _http.GetAsync(new Uri(m.ControlUrl + path));
                if (response.IsSuccessStatusCode)
                {
                    return await response.Content.ReadFromJsonAsync(type);
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
        }

        return null;
    }

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);

    private sealed class Member(int[] ports)
    {
        public int SiloPort { get; } = ports[0];

        public int GatewayPort { get; } = ports[1];

        public string ControlUrl { get; } = $"http://127.0.0.1:{ports[2]}";

        public ChildProcess? Process { get; set; }

        public int Taken { get; set; }
    }
}
