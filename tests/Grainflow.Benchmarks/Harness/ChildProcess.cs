using System.Diagnostics;

namespace Grainflow.Benchmarks.Harness;

/// <summary>
/// Runs this executable again in a hidden mode, so a measurement starts from a fresh process (no heap, JIT state or
/// peak working set inherited from earlier probes). The child prints progress, then one <see cref="ChildResult"/> line.
/// </summary>
internal static class ChildProcess
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromMinutes(20);

    public static async Task<ChildResult> RunAsync(string mode, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath ?? throw new InvalidOperationException("No process path."))
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };

        // Under "dotnet Grainflow.Benchmarks.dll" the process is the dotnet host, which needs the assembly again.
        if (Path.GetFileNameWithoutExtension(start.FileName).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        }

        start.ArgumentList.Add(mode);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {mode}.");
        using var deadline = new CancellationTokenSource(s_deadline);
        ChildResult? result = null;
        while (await process.StandardOutput.ReadLineAsync(deadline.Token).ConfigureAwait(false) is { } line)
        {
            if (ChildResult.TryParse(line, out var parsed))
            {
                result = parsed;
            }
            else
            {
                Console.WriteLine($"    [{mode}] {line}");
            }
        }

        await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        return process.ExitCode == 0 && result is not null
            ? result
            : throw new InvalidOperationException($"{mode} exited with code {process.ExitCode} without a result.");
    }
}
