namespace Grainflow.Streaming.Sinks;

/// <summary>How <see cref="TransactionalFileSinkWriter.RecoverAsync(string, string, int, IReadOnlyList{Checkpointing.Storage.SinkCommitRecord}, SinkRecoveryOptions, CancellationToken)"/> treats what it finds.</summary>
public sealed class SinkRecoveryOptions
{
    /// <summary>
    /// The id of the checkpoint (or savepoint) being restored, 0 when the job starts without one. When null it is
    /// taken from the highest epoch among the sink's records in the manifest. Staged epochs at or below it are
    /// committed (a completed checkpoint covers them even if its manifest no longer lists them: the commit rename
    /// was lost); staged epochs above it are discarded.
    /// </summary>
    public long? RestoredCheckpointId { get; init; }

    /// <summary>
    /// Accepts committed epochs newer than the restored checkpoint instead of refusing with
    /// <see cref="CommittedOutputConflictException"/>: the replay then writes their records again, under new epochs.
    /// Only for an operator who chose repeated output (the job's <c>AllowFallbackWithDuplicates</c>).
    /// </summary>
    public bool AllowDuplicateOutput { get; init; }
}
