using System.Diagnostics;

namespace Grainflow.Tests.Shared;

/// <summary>
/// A built executable of this repository (grainflow, grainflow-silo, or an assembly given by its full path) run as a
/// real child process with its output captured line by line; shared by the test projects and the benchmark harness. Every wait is bounded by one deadline; at the deadline the process tree is killed and the
/// wait fails with what the process wrote, so a hung process fails the test instead of hanging the run.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    public const string Client = "grainflow.dll";
    public const string Silo = "grainflow-silo.dll";

    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    private readonly System.Diagnostics.Process _process;
    private readonly CancellationTokenSource _deadline;
    private readonly TimeSpan _deadlineAfter;
    private readonly Lock _lock = new();
    private readonly List<string> _output = [];
    private readonly List<string> _error = [];
    private readonly List<(string Text, TaskCompletionSource<string> Seen)> _waiters = [];

    private ChildProcess(string assembly, IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment, TimeSpan deadline)
    {
        _deadlineAfter = deadline;
        _deadline = new CancellationTokenSource(deadline);
        var startInfo = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        startInfo.ArgumentList.Add(AssemblyPath(assembly));
        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        // The tests say where the silo is and which token to use; the developer's environment must not.
        startInfo.Environment.Remove("GRAINFLOW_SILO");
        startInfo.Environment.Remove("GRAINFLOW_CONTROL_TOKEN");
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            startInfo.Environment[name] = value;
        }

        _process = new System.Diagnostics.Process { StartInfo = startInfo };
        _process.OutputDataReceived += (_, e) => OnLine(_output, e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(_error, e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static ChildProcess Start(string assembly, IReadOnlyDictionary<string, string?>? environment, params string[] args) => new(assembly, args, environment, Deadline);

    /// <summary>Starts a process that lives longer than <see cref="Deadline"/> (a silo of a long cluster test): every wait is bounded by <paramref name="deadline"/> from its start.</summary>
    public static ChildProcess StartLongLived(string assembly, TimeSpan deadline, params string[] args) => new(assembly, args, null, deadline);

    /// <summary>Runs the client with <paramref name="args"/> to its exit.</summary>
    public static Task<ProcessResult> RunClientAsync(params string[] args) => RunAsync(Client, null, args);

    public static async Task<ProcessResult> RunAsync(string assembly, IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        await using var process = Start(assembly, environment, args);
        return await process.WaitForExitAsync();
    }

    /// <summary>Completes when the process writes a stdout line containing <paramref name="text"/>; returns that line.</summary>
    public Task<string> WaitForOutputLineAsync(string text)
    {
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (_output.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal)) is { } line)
            {
                return Task.FromResult(line);
            }

            _waiters.Add((text, seen));
        }

        return WithinDeadlineAsync(seen.Task, $"a stdout line containing '{text}'");
    }

    public async Task<ProcessResult> WaitForExitAsync()
    {
        await WithinDeadlineAsync(_process.WaitForExitAsync(), "its exit");
        return Snapshot();
    }

    /// <summary>Kills the process at once, as a crash would (SIGKILL): no shutdown code runs.</summary>
    public async Task<ProcessResult> KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        return Snapshot();
    }

    /// <summary>The processor time (user and system) the running process has used so far.</summary>
    public TimeSpan TotalProcessorTime => _process.TotalProcessorTime;

    /// <summary>What the process wrote so far, stdout then stderr.</summary>
    public IReadOnlyList<string> OutputSoFar()
    {
        lock (_lock)
        {
            return [.. _output, .. _error];
        }
    }

    /// <summary>Asks the process to stop as Ctrl+C would (SIGTERM, which the generic host handles like SIGINT).</summary>
    public void Terminate() => PosixSignals.Terminate(_process.Id);

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
            throw new TimeoutException($"{_process.StartInfo.ArgumentList[0]} did not produce {what} within {_deadlineAfter}; killed it.{Environment.NewLine}{Snapshot()}");
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
            if (!ReferenceEquals(lines, _output))
            {
                return;
            }

            foreach (var waiter in _waiters.Where(w => line.Contains(w.Text, StringComparison.Ordinal)).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Seen.TrySetResult(line);
            }
        }
    }

    private ProcessResult Snapshot()
    {
        lock (_lock)
        {
            return new ProcessResult(_process.HasExited ? _process.ExitCode : -1, [.. _output], [.. _error]);
        }
    }

    /// <summary>
    /// The executable in its own project's output (of this test run's configuration and framework), where its
    /// runtimeconfig.json and dependencies are exactly its own; next to the tests, the test project's framework
    /// reference (ASP.NET Core) would leave out packages the client needs. A full path is taken as it is (the
    /// benchmark harness starts its own assembly again).
    /// </summary>
    private static string AssemblyPath(string assembly)
    {
        if (Path.IsPathFullyQualified(assembly))
        {
            return assembly;
        }

        var project = assembly == Client ? Path.Combine("src", "Client") : Path.Combine("src", "Silo");
        var outputDirectory = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (framework, configuration) = (outputDirectory.Name, outputDirectory.Parent?.Name ?? string.Empty);
        for (var directory = outputDirectory.Parent; directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, project, "bin", configuration, framework, assembly);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{assembly} was not found in {project}/bin/{configuration}/{framework}; build the test project first (it references the executable's project).", assembly);
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
}
