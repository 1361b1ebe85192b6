namespace Grainflow.Streams.Log.Jobs;

/// <summary>
/// Writes one stream sink task's epochs: appends go to the local in-progress file, which the barrier renames to the
/// epoch's closed name, and <see cref="MakeDurableAsync"/> makes durable where every silo finds it (on disk, or in the
/// provider's blob container) before the checkpoint is acknowledged. Not thread-safe: the sink task calls it on its turns.
/// </summary>
internal sealed class StagedEpochWriter(ISinkStaging staging, int task) : IDisposable
{
    private const int BufferSize = 64 * 1024;
    private readonly List<long> _notDurable = [];
    private FileStream? _file;

    /// <summary>Appends one serialized payload bound for <paramref name="partition"/> to the current epoch.</summary>
    public void Append(int partition, ReadOnlySpan<byte> payload)
    {
        if (_file is null)
        {
            Directory.CreateDirectory(staging.ScratchDirectory);
            _file = new FileStream(staging.InProgressPath(task), FileMode.Create, FileAccess.Write, FileShare.Read | FileShare.Delete, BufferSize);
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
        // Not overwriting: a staged file of this epoch already there means recovery did not run first.
        File.Move(staging.InProgressPath(task), staging.ClosedPath(task, epoch), overwrite: false);
        _notDurable.Add(epoch);
        return staging.StagedName(task, epoch);
    }

    /// <summary>Makes the epochs closed since the last call durable; the checkpoint is acknowledged after it.</summary>
    public Task MakeDurableAsync()
    {
        if (_notDurable.Count == 0)
        {
            return Task.CompletedTask;
        }

        long[] epochs = [.. _notDurable];
        _notDurable.Clear();
        return staging.MakeDurableAsync(task, epochs);
    }

    /// <summary>Closes the in-progress file; what it holds is discarded by the next recovery.</summary>
    public void Dispose()
    {
        _file?.Dispose();
        _file = null;
    }
}
