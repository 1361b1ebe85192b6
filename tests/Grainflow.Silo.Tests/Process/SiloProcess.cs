using System.Diagnostics;

namespace Grainflow.Silo.Tests.Process;

/// <summary>
/// The built grainflow-silo executable, run as a child process with its output captured line by line. Every
/// wait is bounded by one deadline per process; at the deadline the process tree is killed and the wait
/// fails with what the process wrote so far, so a hung silo fails the test instead of hanging the run.
/// </summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    private const string SiloAssembly = "grainflow-silo.dll";

    private readonly System.Diagnostics.Process _process;
    private readonly CancellationTokenSource _deadline = new(Deadline);
    private readonly Lock _lock = new();
    private readonly List<string> _output = [];
    private readonly List<string> _error = [];
    private readonly List<(Func<string, bool> Predicate, TaskCompletionSource<string> Seen)> _lineWaiters = [];

    private SiloProcess(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var startInfo = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,

            // No appsettings.json here, so only the command line configures the silo.
            WorkingDirectory = AppContext.BaseDirectory,
        };
        startInfo.ArgumentList.Add(SiloAssemblyPath());
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        _process = new System.Diagnostics.Process { StartInfo = startInfo };
        _process.OutputDataReceived += (_, e) => OnLine(_output, e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(_error, e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Asks the silo to stop as Ctrl+C would (SIGTERM, which the host handles like SIGINT).</summary>
    public void Terminate() => PosixSignals.Terminate(_process.Id);

    public static SiloProcess Start(params string[] args) => new(args);

    /// <summary>Starts grainflow-silo with extra environment variables (fault injection).</summary>
    public static SiloProcess Start(IReadOnlyDictionary<string, string> environment, params string[] args) => new(args, environment);

    /// <summary>Kills the process at once, as a crash would (SIGKILL): no shutdown code runs.</summary>
    public async Task<SiloProcessResult> KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        return Snapshot(_process.ExitCode);
    }

    /// <summary>Runs grainflow-silo with <paramref name="args"/> to its exit.</summary>
    public static async Task<SiloProcessResult> RunAsync(params string[] args)
    {
        await using var silo = Start(args);
        return await silo.WaitForExitAsync();
    }

    /// <summary>Completes when the process writes a stdout line containing <paramref name="text"/>; returns that line.</summary>
    public Task<string> WaitForOutputLineAsync(string text)
    {
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            var line = _output.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal));
            if (line is not null)
            {
                return Task.FromResult(line);
            }

            _lineWaiters.Add((l => l.Contains(text, StringComparison.Ordinal), seen));
        }

        return WithinDeadlineAsync(seen.Task, $"a stdout line containing '{text}'");
    }

    /// <summary>Waits for the process to exit and returns its exit code and complete output.</summary>
    public async Task<SiloProcessResult> WaitForExitAsync()
    {
        // Once WaitForExitAsync returns, the redirected streams were read to their end.
        await WithinDeadlineAsync(_process.WaitForExitAsync(), "the process to exit");
        return Snapshot(_process.ExitCode);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _deadline.Dispose();
    }

    private async Task<T> WithinDeadlineAsync<T>(Task<T> task, string what)
    {
        await WithinDeadlineAsync((Task)task, what);
        return await task;
    }

    private async Task WithinDeadlineAsync(Task task, string what)
    {
        try
        {
            await task.WaitAsync(_deadline.Token);
        }
        catch (OperationCanceledException) when (_deadline.IsCancellationRequested)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            throw new TimeoutException($"grainflow-silo did not produce {what} within {Deadline}; killed it.{Environment.NewLine}{Snapshot(_process.ExitCode)}");
        }
    }

    private void OnLine(List<string> lines, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lock)
        {
            lines.Add(line);
            if (ReferenceEquals(lines, _output))
            {
                foreach (var waiter in _lineWaiters.Where(w => w.Predicate(line)).ToList())
                {
                    _lineWaiters.Remove(waiter);
                    waiter.Seen.TrySetResult(line);
                }
            }
        }
    }

    private SiloProcessResult Snapshot(int exitCode)
    {
        lock (_lock)
        {
            return new SiloProcessResult(exitCode, [.. _output], [.. _error]);
        }
    }

    private static string DotnetHost()
    {
        var hostPath = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(hostPath))
        {
            return hostPath;
        }

        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }

    private static string SiloAssemblyPath()
    {
        // The project reference copies the silo, its runtimeconfig.json and deps.json next to the tests;
        // failing that, the silo project's own output of the same configuration and framework is used.
        var nextToTests = Path.Combine(AppContext.BaseDirectory, SiloAssembly);
        if (File.Exists(nextToTests))
        {
            return nextToTests;
        }

        var outputDirectory = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (framework, configuration) = (outputDirectory.Name, outputDirectory.Parent?.Name ?? string.Empty);
        for (var directory = outputDirectory.Parent; directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "src", "Silo", "Grainflow.Silo", "bin", configuration, framework, SiloAssembly);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("The built silo was found neither next to the tests nor in the silo project's output; build tests/Grainflow.Silo.Tests.", nextToTests);
    }
}
