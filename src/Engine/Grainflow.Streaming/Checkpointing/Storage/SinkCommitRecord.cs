namespace Grainflow.Streaming.Checkpointing.Storage;

/// <summary>
/// A sink's pre-committed epoch, recorded so that recovery can commit it if the checkpoint is the one restored.
/// </summary>
/// <param name="SinkId">The sink's id within the job's topology.</param>
/// <param name="Epoch">The epoch (checkpoint id) the sink pre-committed.</param>
/// <param name="PendingFiles">Sink-specific transaction identifiers (file names, transaction ids) to commit.</param>
[GenerateSerializer]
public sealed record SinkCommitRecord(string SinkId, long Epoch, IReadOnlyList<string> PendingFiles);
