namespace Grainflow.Streaming.Checkpointing.Storage;

/// <summary>What a listing found in one <c>chk-&lt;N&gt;</c> directory.</summary>
internal sealed class CheckpointListing(long checkpointId)
{
    public long CheckpointId { get; } = checkpointId;

    /// <summary>Whether <c>_metadata</c> exists: without it the directory is an aborted or in-flight checkpoint.</summary>
    public bool HasManifest { get; set; }

    public List<string> Paths { get; } = [];

    /// <summary>Temporary files of interrupted writes in the directory (storages with <see cref="ICheckpointStorageLeftovers"/>).</summary>
    public List<string> Leftovers { get; } = [];
}
