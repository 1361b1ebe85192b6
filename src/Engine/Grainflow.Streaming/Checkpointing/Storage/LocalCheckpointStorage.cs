using System.Runtime.CompilerServices;
using Grainflow.Streaming.Checkpointing.Durability;

namespace Grainflow.Streaming.Checkpointing.Storage;

/// <summary>
/// Checkpoint storage in a local directory: the embedded default. Objects are files under the root; every
/// write goes to a temporary file in the target directory (name starting with <c>.</c>, never listed), is
/// flushed to disk, and is renamed into place, so readers see either nothing or the whole file.
/// </summary>
/// <remarks>
/// <para>Several instances, in one process or several, may share a root: the two operations that must be
/// atomic compare-and-set (create-only commit, conditional pointer update) run under an exclusive lock on
/// <c>&lt;root&gt;/.lock</c>. The alternatives are worse: <see cref="File.Move(string, string, bool)"/> cannot be
/// conditional, and on Unix its no-overwrite form checks for the target and then renames, which two writers
/// can interleave. A lock held by an open handle is released by the operating system if its holder dies, unlike
/// a lock file whose existence is the lock. The critical sections are a stat and a rename, so one lock per root
/// costs nothing measurable next to the uploads, which happen outside it.</para>
/// <para>The version of a conditionally updated file is a random token stored on its first line, so it changes on
/// every write even if the content does not (an ETag, not a content hash).</para>
/// <para>The lock is advisory on Unix: tools that write into the root without it are not excluded. Every rename,
/// delete and directory creation is followed by a sync of the directory that changed (<see cref="DirectorySync"/>),
/// so a write, publish or delete that returned survives a power loss.</para>
/// </remarks>
public sealed partial class LocalCheckpointStorage : ICheckpointStorage
{
    private const int BufferSize = 81920;
    private const int CreateDirectoryAttempts = 3;

    private static readonly TimeSpan s_defaultLockTimeout = TimeSpan.FromSeconds(30);

    private readonly string _lockPath;
    private readonly TimeSpan _lockTimeout;
    private readonly FileSystemOperations _fileSystem;

    /// <summary>Creates storage rooted at <paramref name="rootDirectory"/>, creating the directory if needed.</summary>
    /// <param name="rootDirectory">The checkpoint directory (<c>--checkpoint-dir</c>).</param>
    /// <param name="lockTimeout">How long to wait for the root's lock before failing with
    /// <see cref="TimeoutException"/>; default 30 seconds.</param>
    public LocalCheckpointStorage(string rootDirectory, TimeSpan? lockTimeout = null)
        : this(rootDirectory, lockTimeout, FileSystemOperations.Real)
    {
    }

    internal LocalCheckpointStorage(string rootDirectory, TimeSpan? lockTimeout, FileSystemOperations fileSystem)
    {
        ArgumentException.ThrowIfNullOrEmpty(rootDirectory);
        _fileSystem = fileSystem;
        RootDirectory = Path.GetFullPath(rootDirectory);
        CreateDirectoryDurably(RootDirectory);
        _lockPath = Path.Combine(RootDirectory, CheckpointStorageLayout.LockFileName);
        _lockTimeout = lockTimeout ?? s_defaultLockTimeout;
    }

    /// <summary>The full path of the root directory.</summary>
    public string RootDirectory { get; }

    /// <inheritdoc/>
    public async ValueTask CreateAsync(
        string path,
        Func<Stream, CancellationToken, ValueTask> writeAsync,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writeAsync);
        var fullPath = Resolve(path);
        // Checked before the upload as well as at the commit, so a duplicate writer fails before streaming
        // a whole snapshot for nothing.
        if (File.Exists(fullPath))
        {
            throw Conflict(path, "already exists");
        }

        var tempPath = await WriteTemporaryAsync(fullPath, writeAsync, cancellationToken).ConfigureAwait(false);
        try
        {
            using var exclusive = await LockAsync(cancellationToken).ConfigureAwait(false);
            if (File.Exists(fullPath))
            {
                throw Conflict(path, "already exists");
            }

            _fileSystem.Move(tempPath, fullPath, overwrite: false);
        }
        catch (FileNotFoundException ex) when (!File.Exists(tempPath))
        {
            // Retention or an abort of another writer reclaimed the temporary file of this (by then stale) write.
            throw new CheckpointConflictException(
                $"The checkpoint object '{path}' could not be created: another writer removed its checkpoint while it was written.",
                path,
                ex);
        }
        catch
        {
            DeleteQuietly(tempPath);
            throw;
        }

        _fileSystem.SyncDirectory(Path.GetDirectoryName(fullPath)!);
    }

    /// <inheritdoc/>
    public ValueTask<Stream?> TryOpenReadAsync(string path, CancellationToken cancellationToken = default)
    {
        var fullPath = Resolve(path);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            // FileShare.Delete: retention may delete a file a slow reader still has open (Windows needs this).
            Stream stream = new FileStream(
                fullPath, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, BufferSize, useAsync: true);
            return ValueTask.FromResult<Stream?>(stream);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return ValueTask.FromResult<Stream?>(null);
        }
    }

    /// <inheritdoc/>
    public async ValueTask<VersionedContent?> TryReadVersionedAsync(string path, CancellationToken cancellationToken = default)
    {
        var fullPath = Resolve(path);
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(fullPath, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        return LocalVersionEnvelope.Unwrap(bytes);
    }

    /// <inheritdoc/>
    public async ValueTask<StorageVersion> WriteConditionalAsync(
        string path,
        ReadOnlyMemory<byte> content,
        StorageVersion? expectedVersion,
        CancellationToken cancellationToken = default)
    {
        var fullPath = Resolve(path);
        var version = new StorageVersion(Guid.NewGuid().ToString("N"));
        var envelope = LocalVersionEnvelope.Wrap(version, content.Span);

        using var exclusive = await LockAsync(cancellationToken).ConfigureAwait(false);
        var current = File.Exists(fullPath) ? LocalVersionEnvelope.Unwrap(await File.ReadAllBytesAsync(fullPath, cancellationToken).ConfigureAwait(false)).Version : null;
        if (current != expectedVersion)
        {
            throw Conflict(
                path,
                expectedVersion is null
                    ? $"exists (version {current}) but was expected not to"
                    : $"is at version {current?.ToString() ?? "<absent>"}, not {expectedVersion}");
        }

        var tempPath = await WriteTemporaryAsync(
            fullPath, (stream, token) => stream.WriteAsync(envelope, token), cancellationToken).ConfigureAwait(false);
        try
        {
            _fileSystem.Move(tempPath, fullPath, overwrite: true);
        }
        catch
        {
            DeleteQuietly(tempPath);
            throw;
        }

        _fileSystem.SyncDirectory(Path.GetDirectoryName(fullPath)!);
        return version;
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken = default) =>
        ListFilesAsync(prefix, "*", relative => !HasPrivateSegment(relative), cancellationToken);

    // The files under the prefix's directory whose relative path starts with the prefix and passes the filter. The
    // directory is read whole first: retention may delete under it while the caller consumes the paths.
    private async IAsyncEnumerable<string> ListFilesAsync(
        string prefix, string pattern, Func<string, bool> include, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var slash = prefix.LastIndexOf('/');
        var directory = slash < 0 ? RootDirectory : Resolve(prefix[..slash]);
        var found = new List<string>();
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.None };
        try
        {
            foreach (var file in Directory.EnumerateFiles(directory, pattern, options))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var relative = Path.GetRelativePath(RootDirectory, file).Replace(Path.DirectorySeparatorChar, '/');
                if (relative.StartsWith(prefix, StringComparison.Ordinal) && include(relative))
                {
                    found.Add(relative);
                }
            }
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing under the prefix, or retention removed it while we looked.
        }

        await Task.CompletedTask.ConfigureAwait(false);
        foreach (var path in found)
        {
            yield return path;
        }
    }

    /// <inheritdoc/>
    public async ValueTask<bool> DeleteAsync(string path, CancellationToken cancellationToken = default)
    {
        var fullPath = Resolve(path);
        // Under the lock so that pruning an emptied directory cannot race a conditional write creating a file in it.
        using var exclusive = await LockAsync(cancellationToken).ConfigureAwait(false);
        if (!File.Exists(fullPath))
        {
            return false;
        }

        _fileSystem.Delete(fullPath);
        // Synced so that retention's order (manifest first) holds after a power loss too: a manifest must never
        // come back naming state files whose deletion did survive.
        _fileSystem.SyncDirectory(PruneEmptyDirectories(Path.GetDirectoryName(fullPath)!));
        return true;
    }

    private async ValueTask<string> WriteTemporaryAsync(
        string fullPath,
        Func<Stream, CancellationToken, ValueTask> writeAsync,
        CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(fullPath)!;
        var tempPath = Path.Combine(directory, CheckpointStorageLayout.TemporaryFileName(Path.GetFileName(fullPath)));
        var stream = OpenTemporary(directory, tempPath);
        try
        {
            await using (stream.ConfigureAwait(false))
            {
                await writeAsync(stream, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                _fileSystem.FlushToDisk(stream.SafeFileHandle);
            }
        }
        catch
        {
            DeleteQuietly(tempPath);
            throw;
        }

        return tempPath;
    }

    private FileStream OpenTemporary(string directory, string tempPath)
    {
        for (var attempt = 1; ; attempt++)
        {
            CreateDirectoryDurably(directory);
            try
            {
                var handle = _fileSystem.OpenFile(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, FileOptions.Asynchronous);
                try
                {
                    return new FileStream(handle, FileAccess.Write, BufferSize, isAsync: true);
                }
                catch
                {
                    handle.Dispose();
                    throw;
                }
            }
            catch (DirectoryNotFoundException) when (attempt < CreateDirectoryAttempts)
            {
                // A concurrent delete pruned the directory after we created it; create it again.
            }
        }
    }

    /// <summary>Deletes empty directories from <paramref name="directory"/> up; returns the first one kept.</summary>
    private string PruneEmptyDirectories(string directory)
    {
        while (directory.Length > RootDirectory.Length
            && directory.StartsWith(RootDirectory, StringComparison.Ordinal))
        {
            try
            {
                _fileSystem.DeleteDirectory(directory);
            }
            catch (DirectoryNotFoundException)
            {
                // Pruned by a concurrent delete: its parent is the one to look at (and to sync).
            }
            catch (IOException)
            {
                return directory; // not empty
            }

            directory = Path.GetDirectoryName(directory)!;
        }

        return directory;
    }

    private void CreateDirectoryDurably(string directory) => _fileSystem.CreateDirectoryDurably(directory);

    private ValueTask<LocalFileLock> LockAsync(CancellationToken cancellationToken) =>
        LocalFileLock.AcquireAsync(_lockPath, _lockTimeout, cancellationToken);

    private string Resolve(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0 || CheckpointStorageLayout.IsPrivateName(segment) || segment.Contains('\\', StringComparison.Ordinal)
                || segment.Contains(':', StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    $"'{path}' is not a storage path: segments must be non-empty, must not start with '.', and use '/' as the separator.",
                    nameof(path));
            }
        }

        return Path.Combine(RootDirectory, path.Replace('/', Path.DirectorySeparatorChar));
    }

    private static bool HasPrivateSegment(string relativePath)
    {
        foreach (var segment in relativePath.Split('/'))
        {
            if (CheckpointStorageLayout.IsPrivateName(segment))
            {
                return true;
            }
        }

        return false;
    }

    private static CheckpointConflictException Conflict(string path, string what) =>
        new($"The checkpoint object '{path}' {what}.", path);

    private void DeleteQuietly(string path)
    {
        try
        {
            _fileSystem.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a leftover temporary file is invisible to readers and removed with its directory.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
