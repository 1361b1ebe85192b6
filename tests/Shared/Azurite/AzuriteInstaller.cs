using System.Diagnostics;
using System.Text.Json;

namespace Grainflow.Tests.Shared.Azurite;

/// <summary>
/// Makes sure Azurite is installed in the shared cache directory (<c>$GRAINFLOW_CACHE/azurite</c>, default
/// <c>~/.cache/grainflow/azurite</c>), installing it with npm under a lock file so parallel test runs don't race.
/// The same directory is used by <c>infra/azurite/start-azurite.sh</c>.
/// </summary>
internal static class AzuriteInstaller
{
    public const string Version = "3.37.0";

    private static readonly TimeSpan s_lockDeadline = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan s_installDeadline = TimeSpan.FromMinutes(5);

    public static string CacheDirectory
    {
        get
        {
            var root = Environment.GetEnvironmentVariable("GRAINFLOW_CACHE");
            if (string.IsNullOrEmpty(root))
            {
                root = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "grainflow");
            }

            return Path.Combine(root, "azurite");
        }
    }

    public static string BlobExecutable(string directory) => Path.Combine(directory, "node_modules", ".bin", "azurite-blob");

    /// <summary>Azurite's combined executable (blob, queue and table services), beside <c>azurite-blob</c> in <paramref name="binDirectory"/>.</summary>
    public static string CombinedExecutable(string binDirectory) => Path.Combine(binDirectory, "azurite");

    /// <summary>Returns the path of <c>azurite-blob</c>, installing Azurite first if the cache does not hold this version.</summary>
    public static async Task<string> EnsureInstalledAsync(CancellationToken cancellationToken = default)
    {
        RequireOnPath("node");
        var directory = CacheDirectory;
        if (IsInstalled(directory))
        {
            return BlobExecutable(directory);
        }

        RequireOnPath("npm");
        Directory.CreateDirectory(directory);
        await using var installLock = await AcquireLockAsync(Path.Combine(directory, ".install.lock"), cancellationToken);
        if (!IsInstalled(directory))
        {
            await RunNpmInstallAsync(directory, cancellationToken);
        }

        return IsInstalled(directory)
            ? BlobExecutable(directory)
            : throw new InvalidOperationException($"npm install finished but {BlobExecutable(directory)} (Azurite {Version}) is missing.");
    }

    private static bool IsInstalled(string directory)
    {
        var manifest = Path.Combine(directory, "node_modules", "azurite", "package.json");
        if (!File.Exists(BlobExecutable(directory)) || !File.Exists(manifest))
        {
            return false;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(manifest));
        return document.RootElement.TryGetProperty("version", out var version) && version.GetString() == Version;
    }

    private static async Task<FileStream> AcquireLockAsync(string path, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + s_lockDeadline;
        while (true)
        {
            try
            {
                // FileShare.None takes an flock(2) exclusive lock, released by the OS if the holder dies; the file is never
                // deleted, so every process contends for the same inode (start-azurite.sh uses flock(1) on it too).
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            }
        }
    }

    private static async Task RunNpmInstallAsync(string directory, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("npm")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "install", "--prefix", directory, $"azurite@{Version}", "--no-audit", "--no-fund" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start npm.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_installDeadline);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"npm install azurite@{Version} did not finish within {s_installDeadline}.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"npm install --prefix {directory} azurite@{Version} failed with exit code {process.ExitCode}:\n{await output}\n{await errors}");
        }
    }

    private static void RequireOnPath(string tool)
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, tool)));
        if (!found)
        {
            throw new InvalidOperationException(
                $"The Azurite tests need '{tool}' on PATH. Install Node.js 18 or later with npm (e.g. 'apt-get install nodejs npm', " +
                $"or from https://nodejs.org), or preinstall Azurite with 'npm install --prefix {CacheDirectory} azurite@{Version}'.");
        }
    }
}
