using System.Diagnostics;
using Grainflow.Streaming.Checkpointing.Storage;
using Grainflow.Streaming.Coordination;
using Grainflow.Streaming.State;

namespace Grainflow.Streaming.Tasks;

/// <summary>The keyed task's part of a checkpoint: capture, pre-commit, then upload and acknowledge off the turn.</summary>
internal sealed partial class KeyedTask<TKey, TIn, TOut>
{
    private async ValueTask OnBarrierAlignedAsync(long checkpointId)
    {
        var aligned = Stopwatch.GetTimestamp();
        var alignment = Stopwatch.GetElapsedTime(_alignmentStarted, aligned);
        var snapshot = _state.CaptureSnapshot();
        var synchronous = Stopwatch.GetElapsedTime(aligned);

        IReadOnlyList<SinkCommitRecord> commits;
        try
        {
            commits = await _terminal!.OnBarrierAsync(checkpointId).ConfigureAwait(true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            await _environment.Coordinator.DeclineAsync(checkpointId, _environment.TaskId, exception.Message).ConfigureAwait(true);
            throw;
        }

        // A replay's sources hold every barrier at the damaged checkpoint's offsets: what follows is new output.
        _terminal.DropsReplayedOutput = false;

        // Not awaited: records keep flowing while the snapshot uploads.
        var sinkOnDisk = _terminal.MakeDurableAsync();
        _ = UploadAndAcknowledgeAsync(checkpointId, snapshot, commits, sinkOnDisk, alignment, synchronous);
    }

    private async Task UploadAndAcknowledgeAsync(
        long checkpointId, KeyedStateSnapshot snapshot, IReadOnlyList<SinkCommitRecord> commits, Task sinkOnDisk, TimeSpan alignment, TimeSpan synchronous)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            // The upload runs on the thread pool, off the task's turns; everything after it comes back to the task's
            // own scheduler (ConfigureAwait(true)), so the acknowledgement is a call from the grain, not from the pool.
            var handle = await Task.Run(async () =>
            {
                await sinkOnDisk.ConfigureAwait(false);
                return await _environment.Job.Checkpoints.WriteStateAsync(
                    checkpointId,
                    StateKey,
                    (stream, _) =>
                    {
                        snapshot.WriteTo(stream);
                        return ValueTask.CompletedTask;
                    }).ConfigureAwait(false);
            }).ConfigureAwait(true);
            var timings = new TaskCheckpointTimings(alignment, synchronous, Stopwatch.GetElapsedTime(started), handle.Length);
            await _environment.Coordinator.AcknowledgeAsync(
                new TaskAcknowledgement(checkpointId, _environment.TaskId, [], new TaskStateRecord(StateKey, handle), commits, timings))
                .ConfigureAwait(true);
        }
        catch (Exception exception)
        {
            TaskLog.StateUploadFailed(_environment.Logger, exception, _environment.TaskId, checkpointId);
            await _environment.Coordinator.DeclineAsync(checkpointId, _environment.TaskId, exception.Message).ConfigureAwait(true);
        }
        finally
        {
            snapshot.Dispose();
        }
    }
}
