using Grainflow.Streaming.Checkpointing.Durability;
using Grainflow.Streaming.Checkpointing.Storage;

namespace Grainflow.Streaming.Sinks;

/// <summary>The sink's start-up side: recovery of a subtask's files and what the output directory already holds.</summary>
public sealed partial class TransactionalFileSinkWriter
{
    /// <summary>
    /// The highest epoch any subtask of <paramref name="sinkId"/> committed or staged in
    /// <paramref name="outputDirectory"/>, or 0. The coordinator's next checkpoint id must be greater, so that a new
    /// epoch never shares a file name with existing output (a fresh or wiped checkpoint location, a savepoint
    /// restored next to newer output).
    /// </summary>
    public static long HighestEpoch(string outputDirectory, string sinkId)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);
        return TransactionalFileSinkRecovery.HighestEpoch(Path.GetFullPath(outputDirectory), sinkId, committedOnly: false);
    }

    /// <summary>
    /// Recovery with default <see cref="SinkRecoveryOptions"/> (the restored checkpoint id is the highest epoch of
    /// this sink's records; committed output newer than it is refused).
    /// </summary>
    /// <param name="outputDirectory">The directory readers consume.</param>
    /// <param name="sinkId">The sink's id within the job's topology.</param>
    /// <param name="subtaskIndex">The index of the sink subtask to recover.</param>
    /// <param name="committedInManifest">The restored manifest's <see cref="CheckpointManifest.SinkCommits"/> (all
    /// of them or this sink's; records of other sinks and files of other subtasks are ignored), or an empty list
    /// when the job starts without a checkpoint.</param>
    /// <param name="cancellationToken">Cancels before the next file operation.</param>
    /// <exception cref="SinkDirectoryUnavailableException">The directory cannot be created or written.</exception>
    /// <exception cref="InvalidDataException">The manifest lists a name that is not a plain file name.</exception>
    public static ValueTask<SinkRecoveryResult> RecoverAsync(
        string outputDirectory,
        string sinkId,
        int subtaskIndex,
        IReadOnlyList<SinkCommitRecord> committedInManifest,
        CancellationToken cancellationToken = default) =>
        RecoverAsync(outputDirectory, sinkId, subtaskIndex, committedInManifest, new SinkRecoveryOptions(), cancellationToken);

    /// <summary>
    /// Recovery: refuses committed output newer than the restored checkpoint, commits the pre-committed files the
    /// restored checkpoint covers (those its manifest lists for this sink subtask, and staged epochs at or below it
    /// whose commit rename was lost), and deletes every other staging file of the subtask (epochs no completed
    /// checkpoint covers). A listed epoch whose committed and staged files are both gone was committed before and
    /// consumed (<see cref="SinkRecoveryResult.ConsumedFiles"/>): it counts as committed and is not written again.
    /// Safe after a crash at any point, and idempotent. Run it before <c>Open</c>.
    /// </summary>
    /// <param name="outputDirectory">The directory readers consume.</param>
    /// <param name="sinkId">The sink's id within the job's topology.</param>
    /// <param name="subtaskIndex">The index of the sink subtask to recover.</param>
    /// <param name="committedInManifest">The restored manifest's <see cref="CheckpointManifest.SinkCommits"/> (all
    /// of them or this sink's), or an empty list when the job starts without a checkpoint.</param>
    /// <param name="options">The restored checkpoint id and whether repeated output is accepted.</param>
    /// <param name="cancellationToken">Cancels before the next file operation.</param>
    /// <exception cref="CommittedOutputConflictException">The directory holds committed epochs of this sink newer
    /// than the restored checkpoint, or a staged epoch would replace a committed file.</exception>
    /// <exception cref="SinkDirectoryUnavailableException">The directory cannot be created or written.</exception>
    /// <exception cref="InvalidDataException">The manifest lists a name that is not a plain file name.</exception>
    public static ValueTask<SinkRecoveryResult> RecoverAsync(
        string outputDirectory,
        string sinkId,
        int subtaskIndex,
        IReadOnlyList<SinkCommitRecord> committedInManifest,
        SinkRecoveryOptions options,
        CancellationToken cancellationToken = default) =>
        RecoverAsync(outputDirectory, sinkId, subtaskIndex, committedInManifest, options, FileSystemOperations.Real, cancellationToken);

    internal static ValueTask<SinkRecoveryResult> RecoverAsync(
        string outputDirectory,
        string sinkId,
        int subtaskIndex,
        IReadOnlyList<SinkCommitRecord> committedInManifest,
        SinkRecoveryOptions options,
        FileSystemOperations fileSystem,
        CancellationToken cancellationToken) =>
        // Renames and deletes only: .NET has no asynchronous form of either.
        ValueTask.FromResult(TransactionalFileSinkRecovery.Recover(
            outputDirectory, sinkId, subtaskIndex, committedInManifest, options, fileSystem, cancellationToken));
}
