namespace Grainflow.Streams.Log.Jobs;

/// <summary>
/// Writes one stream sink task's epochs to its staging files: appends go to the in-progress file, which the barrier
/// renames to the epoch's staged name, and <see cref="MakeDurableAsync"/> forces to disk before the checkpoint is
/// acknowledged. Not thread-safe: the sink task calls it on its turns.
/// </summary>
internal sealed class StagedEpochWriter(SinkStagingLayout layout, int task) : IDisposable
{
    private const int BufferSize = 64 * 1024;
    private readonly List<string> _notOnDisk = [];
    private FileStream? _file;

    /// <summary>Appends one serialized payload bound for <paramref name="partition"/> to the current epoch.</summary>
    public void Append(int partition, ReadOnlySpan<byte> payload)
    {
        if (_file is null)
        {
            Directory.CreateDirectory(layout.Directory);
            _file = new FileStream(layout.InProgressPath(task), FileMode.Create, FileAccess.Write, FileShare.Read | FileShare.Delete, BufferSize);
        }

        Span<byte> header = stackalloc byte[StagedEpochFile.FrameHeaderLength];
        StagedEpochFile.WriteFrameHeader(header, partition, payload);
        _file.Write(header);
        _file.Write(payload);
    }

    /// <summary>
    /// Closes the current epoch under the staged name of <paramref name="epoch"/>; null when it had no appends (no
    /// file). Not yet durable: see <see cref="MakeDurableAsync"/>.
    /// </summary>
    public string? Close(long epoch)
    {
        if (_file is not { } file)
        {
            return null;
        }

        _file = null;
        file.Dispose();
        var path = layout.StagedPath(task, epoch);

        // Not overwriting: a staged file of this epoch already there means recovery did not run first.
        File.Move(layout.InProgressPath(task), path, overwrite: false);
        _notOnDisk.Add(path);
        return Path.GetFileName(path);
    }

    /// <summary>Forces the epochs closed since the last call to disk, on the thread pool; the checkpoint is acknowledged after it.</summary>
    public Task MakeDurableAsync()
    {
        if (_notOnDisk.Count == 0)
        {
            return Task.CompletedTask;
        }

        string[] paths = [.. _notOnDisk];
        _notOnDisk.Clear();
        var directory = layout.Directory;
        return Task.Run(() =>
        {
            foreach (var path in paths)
            {
                using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                RandomAccess.FlushToDisk(handle);
            }

            Grainflow.Streaming.Checkpointing.Durability.DirectorySync.Sync(directory);
        });
    }

    /// <summary>Closes the in-progress file; what it holds is discarded by the next recovery.</summary>
    public void Dispose()
    {
        _file?.Dispose();
        _file = null;
    }
}
