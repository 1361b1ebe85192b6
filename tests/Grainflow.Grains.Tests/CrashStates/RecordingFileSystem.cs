using System.Runtime.CompilerServices;
using Grainflow.Streaming.Checkpointing.Durability;
using Microsoft.Win32.SafeHandles;

namespace Grainflow.Grains.Tests.CrashStates;

/// <summary>
/// The real file system, logging in order every operation under <see cref="Root"/> (which must exist), with the
/// content of every file at each of its flushes: what <see cref="CrashStateEnumerator"/> replays to derive the states
/// a power loss could leave. Operations elsewhere pass through unrecorded. Thread-safe: each operation and its log
/// entry happen under one lock, so the log's order is the order the file system saw.
/// </summary>
internal sealed class RecordingFileSystem : FileSystemOperations
{
    private readonly Lock _lock = new();
    private readonly List<FileOperation> _operations = [];
    private readonly ConditionalWeakTable<SafeFileHandle, OpenedFile> _handles = [];

    public RecordingFileSystem(string root)
    {
        Root = Path.GetFullPath(root);
        if (!Directory.Exists(Root))
        {
            throw new DirectoryNotFoundException($"The recorded root '{Root}' must exist before the run.");
        }
    }

    /// <summary>The directory under which operations are recorded; it counts as durable from the start.</summary>
    public string Root { get; }

    /// <summary>A copy of the operations recorded so far, in order.</summary>
    public IReadOnlyList<FileOperation> Operations
    {
        get
        {
            lock (_lock)
            {
                return [.. _operations];
            }
        }
    }

    public override SafeFileHandle OpenFile(string path, FileMode mode, FileAccess access, FileShare share, FileOptions options = FileOptions.None)
    {
        if (Relative(path) is not { } relative)
        {
            return base.OpenFile(path, mode, access, share, options);
        }

        lock (_lock)
        {
            var existed = File.Exists(path);
            // Readable too, so that a flush can capture what it made durable; the job never reads through it.
            var handle = base.OpenFile(path, mode, access | FileAccess.Read, share, options);
            var opened = Record(existed ? FileOperationKind.OpenFile : FileOperationKind.CreateFile, relative);
            _handles.Add(handle, new OpenedFile(opened.Index, relative));
            return handle;
        }
    }

    public override void FlushToDisk(SafeFileHandle file)
    {
        if (!_handles.TryGetValue(file, out var opened))
        {
            base.FlushToDisk(file);
            return;
        }

        lock (_lock)
        {
            base.FlushToDisk(file);
            var content = new byte[RandomAccess.GetLength(file)];
            var read = 0;
            while (read < content.Length)
            {
                read += RandomAccess.Read(file, content.AsSpan(read), read);
            }

            Record(FileOperationKind.FlushFile, opened.Path, content: content, openedBy: opened.Index);
        }
    }

    public override void Move(string sourcePath, string destinationPath, bool overwrite)
    {
        var (source, target) = (Relative(sourcePath), Relative(destinationPath));
        if (source is null || target is null)
        {
            base.Move(sourcePath, destinationPath, overwrite);
            return;
        }

        lock (_lock)
        {
            base.Move(sourcePath, destinationPath, overwrite);
            Record(FileOperationKind.Move, source, target);
        }
    }

    public override void Delete(string path)
    {
        if (Relative(path) is not { } relative)
        {
            base.Delete(path);
            return;
        }

        lock (_lock)
        {
            var existed = File.Exists(path);
            base.Delete(path);
            if (existed)
            {
                Record(FileOperationKind.Delete, relative);
            }
        }
    }

    public override void CreateDirectory(string path)
    {
        if (Relative(path) is null)
        {
            base.CreateDirectory(path);
            return;
        }

        lock (_lock)
        {
            var missing = new Stack<string>();
            for (var current = Path.GetFullPath(path); !Directory.Exists(current); current = Path.GetDirectoryName(current)!)
            {
                missing.Push(current);
            }

            base.CreateDirectory(path);
            foreach (var created in missing)
            {
                Record(FileOperationKind.CreateDirectory, Relative(created)!);
            }
        }
    }

    public override void DeleteDirectory(string path)
    {
        if (Relative(path) is not { } relative)
        {
            base.DeleteDirectory(path);
            return;
        }

        lock (_lock)
        {
            base.DeleteDirectory(path);
            Record(FileOperationKind.DeleteDirectory, relative);
        }
    }

    public override void SyncDirectory(string directory)
    {
        if (Relative(directory) is not { } relative)
        {
            base.SyncDirectory(directory);
            return;
        }

        lock (_lock)
        {
            base.SyncDirectory(directory);
            // DirectorySync ignores a directory pruned meanwhile; so does the model (nothing of it can survive).
            if (Directory.Exists(directory))
            {
                Record(FileOperationKind.SyncDirectory, relative);
            }
        }
    }

    private FileOperation Record(FileOperationKind kind, string path, string? target = null, byte[]? content = null, int openedBy = -1)
    {
        var operation = new FileOperation(_operations.Count, kind, path, target, content, openedBy);
        _operations.Add(operation);
        return operation;
    }

    /// <summary>The path relative to <see cref="Root"/> with '/' separators ("" for the root), or null outside it.</summary>
    private string? Relative(string path)
    {
        var full = Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar);
        if (full == Root)
        {
            return string.Empty;
        }

        return full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? full[(Root.Length + 1)..].Replace(Path.DirectorySeparatorChar, '/')
            : null;
    }

    private sealed record OpenedFile(int Index, string Path);
}
