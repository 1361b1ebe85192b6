using Microsoft.Win32.SafeHandles;

namespace Grainflow.Streaming.Checkpointing.Durability;

/// <summary>
/// The file operations whose order and durability the exactly-once protocols depend on: creating, fsyncing,
/// renaming and deleting the local checkpoint storage's files and the file sink's staged and committed files, and
/// creating and removing their directories. One seam, so tests can record the operations and derive every state a
/// power loss could leave (only what an fsync made durable), or inject faults between them.
/// </summary>
/// <remarks>
/// <para>Data writes go straight to the handle <see cref="OpenFile"/> returns: they are not durable until
/// <see cref="FlushToDisk"/>, so a recording layer only needs the content as of each flush, and production pays
/// nothing per write. Lock files are opened directly: a lock's durability does not matter.</para>
/// <para>The default instance <see cref="Real"/> is stateless and thread-safe; subclasses used in tests must be
/// thread-safe too if shared.</para>
/// </remarks>
internal class FileSystemOperations
{
    /// <summary>The real file system.</summary>
    public static FileSystemOperations Real { get; } = new();

    /// <summary>Opens or creates a file (<see cref="File.OpenHandle"/>); a created entry is not durable until <see cref="SyncDirectory"/>.</summary>
    public virtual SafeFileHandle OpenFile(string path, FileMode mode, FileAccess access, FileShare share, FileOptions options = FileOptions.None) =>
        File.OpenHandle(path, mode, access, share, options);

    /// <summary>Makes the data written through <paramref name="file"/> durable (<see cref="RandomAccess.FlushToDisk"/>).</summary>
    public virtual void FlushToDisk(SafeFileHandle file) => RandomAccess.FlushToDisk(file);

    /// <summary>Renames a file (<see cref="File.Move(string, string, bool)"/>); not durable until <see cref="SyncDirectory"/>.</summary>
    public virtual void Move(string sourcePath, string destinationPath, bool overwrite) =>
        File.Move(sourcePath, destinationPath, overwrite);

    /// <summary>Deletes a file if it exists; not durable until <see cref="SyncDirectory"/>.</summary>
    public virtual void Delete(string path) => File.Delete(path);

    /// <summary>Creates a directory and its missing ancestors; each new entry is durable once its parent is synced.</summary>
    public virtual void CreateDirectory(string path) => Directory.CreateDirectory(path);

    /// <summary>Removes an empty directory (<see cref="IOException"/> if it is not empty); not durable until its parent is synced.</summary>
    public virtual void DeleteDirectory(string path) => Directory.Delete(path, recursive: false);

    /// <summary>Makes the entries of <paramref name="directory"/> durable (see <see cref="DirectorySync"/>).</summary>
    public virtual void SyncDirectory(string directory) => DirectorySync.Sync(directory);

    /// <summary>
    /// Creates <paramref name="directory"/> and its missing ancestors, syncing the parent of each one created: a
    /// file renamed into a directory whose own entry is lost in a power loss is lost with it, however often the
    /// directory itself was synced.
    /// </summary>
    public void CreateDirectoryDurably(string directory)
    {
        var missing = new Stack<string>();
        for (var current = Path.GetFullPath(directory); !Directory.Exists(current); current = Path.GetDirectoryName(current)!)
        {
            missing.Push(current);
        }

        if (missing.Count == 0)
        {
            return;
        }

        CreateDirectory(directory);
        foreach (var created in missing)
        {
            SyncDirectory(Path.GetDirectoryName(created)!);
        }
    }
}
