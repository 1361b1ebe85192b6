using Grainflow.Streaming.Checkpointing.Durability;

namespace Grainflow.Streaming.Sinks;

/// <summary>Checks, once at open, that a sink can stage and rename files in its output directory.</summary>
internal static class SinkOutputDirectory
{
    /// <summary>Creates the directory if needed and proves it writable; returns its full path.</summary>
    /// <exception cref="SinkDirectoryUnavailableException">The directory cannot be created or written.</exception>
    public static string EnsureWritable(string outputDirectory, FileSystemOperations fileSystem)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);
        string fullPath;
        try
        {
            fullPath = Path.GetFullPath(outputDirectory);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw Unavailable(outputDirectory, "is not a valid path", ex);
        }

        try
        {
            // Durably: committed files survive a power loss only if the directory holding them does.
            fileSystem.CreateDirectoryDurably(fullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Unavailable(fullPath, "cannot be created", ex);
        }

        try
        {
            // Probed at open so a bad path fails the job's start, not its first record or first checkpoint.
            // The name starts with '.' so readers never see the probe, even if a crash leaves it behind.
            var probe = Path.Combine(fullPath, $".probe-{Guid.NewGuid():N}");
            using var handle = File.OpenHandle(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, FileOptions.DeleteOnClose);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Unavailable(fullPath, "is not writable", ex);
        }

        return fullPath;
    }

    private static SinkDirectoryUnavailableException Unavailable(string directory, string problem, Exception innerException) =>
        new(
            directory,
            $"The sink output directory '{directory}' {problem}: {innerException.Message} " +
            "Point the sink at a directory (not a file) whose parent exists, and let the silo's user create, rename " +
            "and delete files in it.",
            innerException);
}
