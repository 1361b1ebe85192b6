namespace Grainflow.Streaming.Checkpointing.Storage;

/// <summary>
/// The checkpoints being copied (into a savepoint) right now, which retention must leave alone until the copy is done.
/// A checkpoint is either held or being deleted, never both: a hold taken while retention deletes the checkpoint
/// fails at once, and retention skips a held one (the next retention after the hold ends deletes it). Thread-safe.
/// </summary>
/// <remarks>
/// In memory, which is enough: only the one process that holds a job's writer lock publishes, applies retention and
/// copies its checkpoints into savepoints.
/// </remarks>
internal sealed class CheckpointCopyHolds
{
    private readonly Dictionary<long, int> _holds = [];
    private readonly HashSet<long> _deleting = [];
    private readonly Lock _lock = new();

    /// <summary>Keeps checkpoint <paramref name="checkpointId"/> from retention until the result is disposed (holds nest).</summary>
    /// <exception cref="InvalidOperationException">Retention is deleting that checkpoint.</exception>
    public IDisposable Hold(long checkpointId, string jobId)
    {
        lock (_lock)
        {
            if (_deleting.Contains(checkpointId))
            {
                throw new InvalidOperationException(
                    $"Checkpoint {checkpointId} of job '{jobId}' is being deleted by retention and cannot be copied; take the savepoint again.");
            }

            _holds[checkpointId] = _holds.GetValueOrDefault(checkpointId) + 1;
        }

        return new Release(this, checkpointId);
    }

    /// <summary>Claims checkpoint <paramref name="checkpointId"/> for deletion; false while it is held.</summary>
    public bool TryBeginDelete(long checkpointId)
    {
        lock (_lock)
        {
            return !_holds.ContainsKey(checkpointId) && _deleting.Add(checkpointId);
        }
    }

    /// <summary>Ends a deletion claimed with <see cref="TryBeginDelete"/>, whether or not it succeeded.</summary>
    public void EndDelete(long checkpointId)
    {
        lock (_lock)
        {
            _deleting.Remove(checkpointId);
        }
    }

    private void Unhold(long checkpointId)
    {
        lock (_lock)
        {
            if (--_holds[checkpointId] == 0)
            {
                _holds.Remove(checkpointId);
            }
        }
    }

    private sealed class Release(CheckpointCopyHolds holds, long checkpointId) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                holds.Unhold(checkpointId);
            }
        }
    }
}
