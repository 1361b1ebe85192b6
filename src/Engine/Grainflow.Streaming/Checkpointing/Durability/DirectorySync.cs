using System.Runtime.InteropServices;
using System.Text;

namespace Grainflow.Streaming.Checkpointing.Durability;

/// <summary>
/// Makes a directory's entries durable: after a create, rename or delete, the new entry survives a power loss only
/// once the directory itself is fsynced (POSIX does not order directory updates with file data). .NET cannot open
/// a directory (<see cref="File.OpenHandle"/> refuses), so on Linux this calls <c>open</c>/<c>fsync</c>/<c>close</c>
/// from libc. Elsewhere it does nothing: Windows journals NTFS metadata and offers no directory flush to
/// unprivileged code, and other Unix systems are not a deployment target.
/// </summary>
internal static class DirectorySync
{
    private const int ReadOnly = 0; // O_RDONLY; the same value on every Linux architecture, unlike O_DIRECTORY
    private const int InvalidArgument = 22; // EINVAL: the file system cannot sync directories (some FUSE mounts)
    private const int Interrupted = 4; // EINTR
    private const int NoSuchEntry = 2; // ENOENT

    /// <summary>Fsyncs <paramref name="directory"/> so that entries created, renamed or deleted in it are durable.</summary>
    /// <exception cref="IOException">The directory cannot be opened or synced.</exception>
    public static void Sync(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var path = Encoding.UTF8.GetBytes(directory + "\0");
        int descriptor;
        do
        {
            descriptor = Open(path, ReadOnly);
        }
        while (descriptor < 0 && Marshal.GetLastPInvokeError() == Interrupted);

        if (descriptor < 0 && Marshal.GetLastPInvokeError() is var openError)
        {
            // A concurrent delete pruned the directory after our change (retention removing a checkpoint another
            // writer was still creating): what we would make durable is already gone, which is what that delete wants.
            if (openError == NoSuchEntry)
            {
                return;
            }

            throw Failure("open", directory, openError);
        }

        try
        {
            if (FSync(descriptor) != 0 && Marshal.GetLastPInvokeError() is var error && error != InvalidArgument)
            {
                throw Failure("fsync", directory, error);
            }
        }
        finally
        {
            _ = Close(descriptor);
        }
    }

    private static IOException Failure(string call, string directory, int errno) =>
        new($"Could not make the directory '{directory}' durable: {call} failed with errno {errno} ({Marshal.GetPInvokeErrorMessage(errno)}).");

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Open(byte[] path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int FSync(int descriptor);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Close(int descriptor);
}
