namespace Grainflow.Streaming.Checkpointing.Storage;

/// <summary>
/// The complete description of one checkpoint, written as <c>chk-&lt;N&gt;/_metadata</c> after every task
/// acknowledged. A checkpoint exists for recovery only once its manifest is written and verifies.
/// </summary>
/// <param name="FormatVersion">The manifest format; <see cref="CurrentFormatVersion"/> when written by this build.</param>
/// <param name="JobId">The job the checkpoint belongs to.</param>
/// <param name="TopologyFingerprint">Identifies the dataflow graph the state was taken from; recovery refuses a
/// checkpoint whose fingerprint differs from the running job's.</param>
/// <param name="CheckpointId">The checkpoint id, starting at 1 and increasing.</param>
/// <param name="TriggeredAt">When the coordinator triggered the checkpoint.</param>
/// <param name="CompletedAt">When the last task acknowledged.</param>
/// <param name="SourceOffsets">Offsets to rewind every source partition to.</param>
/// <param name="TaskStates">The state file of every task.</param>
/// <param name="SinkCommits">The epochs sinks pre-committed for this checkpoint.</param>
/// <param name="Properties">Free-form properties (engine version, trigger reason, ...).</param>
[GenerateSerializer]
public sealed record CheckpointManifest(
    int FormatVersion,
    string JobId,
    string TopologyFingerprint,
    long CheckpointId,
    DateTimeOffset TriggeredAt,
    DateTimeOffset CompletedAt,
    IReadOnlyList<SourceOffsetRecord> SourceOffsets,
    IReadOnlyList<TaskStateRecord> TaskStates,
    IReadOnlyList<SinkCommitRecord> SinkCommits,
    IReadOnlyDictionary<string, string> Properties)
{
    /// <summary>
    /// The manifest format this build writes and the newest it reads. 2: keyed state files are written in
    /// <see cref="Grainflow.Streaming.State.KeyedStateSnapshot"/> format 2 (entries grouped by key group), which builds reading only
    /// format 1 cannot restore; the bump makes them refuse the checkpoint with a message rather than fail in a task.
    /// Format 1 checkpoints are still restored.
    /// </summary>
    public const int CurrentFormatVersion = 2;
}
