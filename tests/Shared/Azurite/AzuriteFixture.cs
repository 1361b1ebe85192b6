using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Azure.Storage;

namespace Grainflow.Tests.Shared.Azurite;

/// <summary>
/// Runs one Azurite blob service on 127.0.0.1 (a free port, a temporary data directory) for a test collection or a
/// benchmark, installing it first when the cache lacks it, and kills its process tree on dispose. Started without
/// <c>--skipApiVersionCheck</c>: the clients pin a service version Azurite accepts, as a user's plain <c>azurite</c> needs.
/// <c>AzuriteTableFixture</c> (AzuriteTableFixture.cs, linked where needed) runs the table service beside it (and the queue service, which Azurite's combined
/// executable always starts).
/// </summary>
public partial class AzuriteFixture
{
    /// <summary>The emulator's well-known account.</summary>
    public const string AccountName = "devstoreaccount1";

    /// <summary>The emulator's well-known account key (public, documented with Azurite).</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan s_startDeadline = TimeSpan.FromSeconds(60);
    private const int StartAttempts = 3;

    private readonly StringBuilder _output = new();
    private Process? _process;
    private string? _dataDirectory;
    private string? _executable;

    /// <summary>Blob only.</summary>
    public AzuriteFixture()
        : this(withTables: false)
    {
    }

    /// <summary>Blob only, or blob, queue and table.</summary>
    protected AzuriteFixture(bool withTables) => WithTables = withTables;

    /// <summary>Whether the table service runs too (<see cref="TablePort"/>).</summary>
    public bool WithTables { get; }

    /// <summary>The blob service's port.</summary>
    public int Port { get; private set; }

    /// <summary>The table service's port; 0 unless <see cref="WithTables"/>.</summary>
    public int TablePort { get; private set; }

    /// <summary>The queue service's port; 0 unless <see cref="WithTables"/>.</summary>
    public int QueuePort { get; private set; }

    /// <summary>The path-style service endpoint, e.g. <c>http://127.0.0.1:54321/devstoreaccount1</c>.</summary>
    public Uri ServiceUri => new($"http://127.0.0.1:{Port}/{AccountName}");

    public StorageSharedKeyCredential Credential { get; } = new(AccountName, AccountKey);

    /// <summary>The path-style table endpoint, e.g. <c>http://127.0.0.1:54323/devstoreaccount1</c>.</summary>
    public Uri TableServiceUri => WithTables
        ? new($"http://127.0.0.1:{TablePort}/{AccountName}")
        : throw new InvalidOperationException("This Azurite runs the blob service only; use AzuriteTableFixture.");

    /// <summary>The account's connection string: its blob endpoint, and its table endpoint when <see cref="WithTables"/>.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};BlobEndpoint={ServiceUri};"
        + (WithTables ? $"TableEndpoint={TableServiceUri};" : string.Empty);

    public async Task InitializeAsync()
    {
        var blobExecutable = await AzuriteInstaller.EnsureInstalledAsync();
        var executable = WithTables ? AzuriteInstaller.CombinedExecutable(Path.GetDirectoryName(blobExecutable)!) : blobExecutable;
        _executable = executable;
        _dataDirectory = Directory.CreateTempSubdirectory("grainflow-azurite-").FullName;
        for (var attempt = 1; ; attempt++)
        {
            Port = FreeLoopbackPort();
            (TablePort, QueuePort) = WithTables ? (FreeLoopbackPort(), FreeLoopbackPort()) : (0, 0);
            _process = Start(executable, _dataDirectory);
            if (await WaitUntilListeningAsync(_process))
            {
                return;
            }

            // The port can be taken between probing and binding; another port is then worth a try.
            Kill();
            if (attempt == StartAttempts)
            {
                throw new InvalidOperationException($"Azurite did not start listening on 127.0.0.1 within {s_startDeadline}. Output:\n{Output()}");
            }
        }
    }

    public Task DisposeAsync()
    {
        Kill();
        if (_dataDirectory is not null && Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Stops Azurite and keeps its data directory and port for <see cref="RestartAsync"/>. On Unix it is asked to stop
    /// (SIGTERM) so it saves its metadata: killed, it loses up to its 5 s autosave interval of acknowledged writes, which
    /// real storage never does.
    /// </summary>
    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        if (!OperatingSystem.IsWindows() && !_process.HasExited)
        {
            using var terminate = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await terminate.WaitForExitAsync();
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                // Did not shut down in time; killed below.
            }
        }

        Kill();
    }

    /// <summary>Starts Azurite again after <see cref="StopAsync"/>, on the same port with the same data.</summary>
    public async Task RestartAsync()
    {
        if (_executable is null || _dataDirectory is null)
        {
            throw new InvalidOperationException("Azurite was never started.");
        }

        await StopAsync();
        _process = Start(_executable, _dataDirectory);
        if (!await WaitUntilListeningAsync(_process))
        {
            Kill();
            throw new InvalidOperationException($"Azurite did not restart on 127.0.0.1:{Port}. Output:\n{Output()}");
        }
    }

    private Process Start(string executable, string dataDirectory)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in Arguments(dataDirectory))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private IEnumerable<string> Arguments(string dataDirectory)
    {
        static string Text(int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        IEnumerable<string> arguments = ["--blobHost", "127.0.0.1", "--blobPort", Text(Port)];
        if (WithTables)
        {
            arguments = arguments.Concat(["--queueHost", "127.0.0.1", "--queuePort", Text(QueuePort), "--tableHost", "127.0.0.1", "--tablePort", Text(TablePort)]);
        }

        return arguments.Concat(["--location", dataDirectory, "--silent", "--loose"]);
    }

    private async Task<bool> WaitUntilListeningAsync(Process process) =>
        await WaitUntilListeningAsync(process, Port) && (!WithTables || await WaitUntilListeningAsync(process, TablePort));

    private static async Task<bool> WaitUntilListeningAsync(Process process, int port)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < s_startDeadline)
        {
            if (process.HasExited)
            {
                return false;
            }

            using var client = new TcpClient();
            try
            {
                using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                await client.ConnectAsync(IPAddress.Loopback, port, attempt.Token);
                return true;
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100));
            }
        }

        return false;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Kill()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }

        _process.Dispose();
        _process = null;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            // Keep only the tail: it is for diagnosing a failed start.
            if (_output.Length > 16_000)
            {
                _output.Remove(0, 8_000);
            }

            _output.AppendLine(line);
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }
}
