using System.Buffers;
using System.Diagnostics;
using Grainflow.Streaming.Checkpointing.Storage;

namespace Grainflow.Benchmarks.Checkpointing;

/// <summary>
/// The measured path: a task's snapshot written through <see cref="CheckpointManager.WriteStateAsync"/> (piped into
/// block uploads, SHA-256 computed on the way) and read back through <see cref="CheckpointManager.ReadStateAsync"/>
/// (verified on the way), as checkpoint and recovery do.
/// </summary>
internal static class SnapshotTransfer
{
    private static readonly TaskStateKey s_task = new("op-state", 0, 127);

    public static async Task<(TimeSpan Elapsed, StateHandle Handle)> UploadAsync(CheckpointManager manager, long checkpointId, ReadOnlyMemory<byte> pattern, long length)
    {
        var started = Stopwatch.GetTimestamp();
        var handle = await manager.WriteStateAsync(checkpointId, s_task, (stream, token) => RepeatedBufferContent.WriteAsync(stream, pattern, length, token))
            .ConfigureAwait(false);
        return (Stopwatch.GetElapsedTime(started), handle);
    }

    public static async Task<TimeSpan> RestoreAsync(CheckpointManager manager, StateHandle handle)
    {
        var started = Stopwatch.GetTimestamp();
        await using (var stream = await manager.ReadStateAsync(handle).ConfigureAwait(false))
        {
            var read = await DrainAsync(stream).ConfigureAwait(false);
            if (read != handle.Length)
            {
                throw new InvalidOperationException($"Restored {read} bytes, expected {handle.Length}.");
            }
        }

        return Stopwatch.GetElapsedTime(started);
    }

    /// <summary>Reads a stream to its end in 1 MiB reads, as a state restore does; returns the bytes read.</summary>
    public static async Task<long> DrainAsync(Stream stream)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(1024 * 1024);
        try
        {
            long total = 0;
            int read;
            while ((read = await stream.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                total += read;
            }

            return total;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
