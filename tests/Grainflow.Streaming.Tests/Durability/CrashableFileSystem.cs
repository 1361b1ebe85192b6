using Grainflow.Streaming.Checkpointing.Durability;

namespace Grainflow.Streaming.Tests.Durability;

/// <summary>
/// The real file system, plus a model of a power loss: every rename and delete is remembered until its directory is
/// synced, and <see cref="Crash"/> undoes those not yet made durable, newest first, as a file system that lost its
/// unsynced directory updates would show them after a reboot. Every operation is also logged in order.
/// </summary>
internal sealed class CrashableFileSystem : FileSystemOperations
{
    private readonly Lock _lock = new();
    private readonly List<Pending> _notDurable = [];

    public List<string> Log { get; } = [];

    public override void Move(string sourcePath, string destinationPath, bool overwrite)
    {
        var replaced = overwrite && File.Exists(destinationPath) ? File.ReadAllBytes(destinationPath) : null;
        base.Move(sourcePath, destinationPath, overwrite);
        lock (_lock)
        {
            Log.Add($"move {Path.GetFileName(sourcePath)} -> {Path.GetFileName(destinationPath)}");
            _notDurable.Add(new Pending(Path.GetDirectoryName(destinationPath)!, sourcePath, destinationPath, replaced));
        }
    }

    public override void Delete(string path)
    {
        var content = File.Exists(path) ? File.ReadAllBytes(path) : null;
        base.Delete(path);
        lock (_lock)
        {
            Log.Add($"delete {Path.GetFileName(path)}");
            if (content is not null)
            {
                _notDurable.Add(new Pending(Path.GetDirectoryName(path)!, null, path, content));
            }
        }
    }

    public override void SyncDirectory(string directory)
    {
        base.SyncDirectory(directory);
        lock (_lock)
        {
            Log.Add($"sync {Path.GetFileName(directory)}");
            _notDurable.RemoveAll(p => p.Directory == Path.GetFullPath(directory));
        }
    }

    /// <summary>Undoes every rename and delete whose directory was not synced since; returns how many.</summary>
    public int Crash()
    {
        lock (_lock)
        {
            var undone = _notDurable.Count;
            for (var i = _notDurable.Count - 1; i >= 0; i--)
            {
                var (_, source, target, previous) = _notDurable[i];
                if (source is not null)
                {
                    File.Move(target, source);
                }

                if (previous is not null)
                {
                    File.WriteAllBytes(target, previous);
                }
            }

            _notDurable.Clear();
            return undone;
        }
    }

    private sealed record Pending(string Directory, string? Source, string Target, byte[]? Previous);
}
