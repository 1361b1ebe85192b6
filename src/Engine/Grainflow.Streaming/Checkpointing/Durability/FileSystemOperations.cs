namespace Grainflow.Streaming.Checkpointing.Durability;

/// <summary>
/// The directory-changing file operations whose order and durability the exactly-once protocols depend on: the
/// file sink's staging and commit renames and the local checkpoint storage's publishes. One seam, so tests can
/// record the operations (and check that a rename is followed by a directory sync before it is relied on) or
/// inject faults between them.
/// </summary>
/// <remarks>The default instance <see cref="Real"/> is stateless and thread-safe; subclasses used in tests must be
/// thread-safe too if shared.</remarks>
internal class FileSystemOperations
{
    /// <summary>The real file system.</summary>
    public static FileSystemOperations Real { get; } = new();

    /// <summary>Renames a file (<see cref="File.Move(string, string, bool)"/>); not durable until <see cref="SyncDirectory"/>.</summary>
    public virtual void Move(string sourcePath, string destinationPath, bool overwrite) =>
        File.Move(sourcePath, destinationPath, overwrite);

    /// <summary>Deletes a file if it exists; not durable until <see cref="SyncDirectory"/>.</summary>
    public virtual void Delete(string path) => File.Delete(path);

    /// <summary>Makes the entries of <paramref name="directory"/> durable (see <see cref="DirectorySync"/>).</summary>
    public virtual void SyncDirectory(string directory) => DirectorySync.Sync(directory);
}
