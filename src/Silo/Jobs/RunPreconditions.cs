using Grainflow.Silo.CommandLine;

namespace Grainflow.Silo.Jobs;

/// <summary>Checks, before a silo starts, that a job's files can be used; each failure says what to fix.</summary>
internal static class RunPreconditions
{
    public static string ReadableFile(string path, string option)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new UsageException($"{option} '{full}' is a directory; pass a UTF-8 text file.");
        }

        try
        {
            using var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            var reason = exception is FileNotFoundException or DirectoryNotFoundException ? "does not exist" : $"cannot be read ({exception.Message})";
            throw new UsageException($"{option} '{full}' {reason}; pass an existing, readable UTF-8 text file.", exception);
        }

        return full;
    }

    public static string WritableDirectory(string path, string option)
    {
        var full = Path.GetFullPath(path);
        var probe = Path.Combine(full, $".grainflow-probe-{Environment.ProcessId}");
        try
        {
            Directory.CreateDirectory(full);
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{option} '{full}' cannot be written ({exception.Message}); pass a directory this user can create and write.", exception);
        }

        return full;
    }
}
