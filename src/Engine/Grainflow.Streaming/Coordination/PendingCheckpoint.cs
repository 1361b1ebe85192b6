using Grainflow.Streaming.Checkpointing.Storage;

namespace Grainflow.Streaming.Coordination;

/// <summary>
/// A checkpoint the coordinator triggered and is collecting acknowledgements for. It completes when every
/// task of the job acknowledged; only then may its manifest be published.
/// </summary>
/// <remarks>Not thread-safe: the coordinator uses it from its turns.</remarks>
public sealed class PendingCheckpoint
{
    private readonly HashSet<string> _waitingFor;
    private readonly Dictionary<string, TaskAcknowledgement> _acknowledgements = new(StringComparer.Ordinal);

    /// <summary>Starts collecting for checkpoint <paramref name="checkpointId"/> from <paramref name="taskIds"/>.</summary>
    public PendingCheckpoint(long checkpointId, DateTimeOffset triggeredAt, IEnumerable<string> taskIds, bool isFinal, string? savepointName = null)
    {
        CheckpointId = checkpointId;
        TriggeredAt = triggeredAt;
        IsFinal = isFinal;
        SavepointName = savepointName;
        _waitingFor = new HashSet<string>(taskIds, StringComparer.Ordinal);
    }

    /// <summary>The checkpoint id.</summary>
    public long CheckpointId { get; }

    /// <summary>When it was triggered.</summary>
    public DateTimeOffset TriggeredAt { get; }

    /// <summary>Whether it was triggered after every source ended: completing it finishes the job.</summary>
    public bool IsFinal { get; }

    /// <summary>The savepoint this checkpoint is kept as once complete, or null.</summary>
    public string? SavepointName { get; }

    /// <summary>Completes when the checkpoint completed or was aborted (and its savepoint, if any, was written).</summary>
    public TaskCompletionSource<Checkpointing.Savepoints.SavepointInfo?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Whether every task acknowledged.</summary>
    public bool IsComplete => _waitingFor.Count == 0;

    /// <summary>The tasks that have not acknowledged yet.</summary>
    public IReadOnlyCollection<string> WaitingFor => _waitingFor;

    /// <summary>Records a task's acknowledgement; false for a task not expected or acknowledging twice.</summary>
    public bool Acknowledge(TaskAcknowledgement acknowledgement)
    {
        ArgumentNullException.ThrowIfNull(acknowledgement);
        if (acknowledgement.CheckpointId != CheckpointId || !_waitingFor.Remove(acknowledgement.TaskId))
        {
            return false;
        }

        _acknowledgements.Add(acknowledgement.TaskId, acknowledgement);
        return true;
    }

    /// <summary>The manifest of the complete checkpoint.</summary>
    public CheckpointManifest ToManifest(string jobId, string topologyFingerprint, DateTimeOffset completedAt)
    {
        if (!IsComplete)
        {
            throw new InvalidOperationException($"Checkpoint {CheckpointId} still waits for {string.Join(", ", _waitingFor)}.");
        }

        var acknowledgements = _acknowledgements.Values.OrderBy(a => a.TaskId, StringComparer.Ordinal).ToList();
        return new CheckpointManifest(
            CheckpointManifest.CurrentFormatVersion,
            jobId,
            topologyFingerprint,
            CheckpointId,
            TriggeredAt,
            completedAt,
            [.. acknowledgements.SelectMany(a => a.SourceOffsets)],
            [.. acknowledgements.Where(a => a.State is not null).Select(a => a.State!)],
            [.. acknowledgements.SelectMany(a => a.SinkCommits)],
            new Dictionary<string, string> { ["engine"] = "grainflow", ["final"] = IsFinal ? "true" : "false" });
    }

    /// <summary>The timings each task reported.</summary>
    public IReadOnlyDictionary<string, TaskCheckpointTimings> Timings =>
        _acknowledgements.ToDictionary(p => p.Key, p => p.Value.Timings, StringComparer.Ordinal);
}
