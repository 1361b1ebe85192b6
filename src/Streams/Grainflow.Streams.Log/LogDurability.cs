namespace Grainflow.Streams.Log;

/// <summary>When a partition makes an append durable (fsync) and acknowledges it.</summary>
/// <remarks>Under both policies an append's task completes only after its record is on disk and visible to readers.</remarks>
public enum LogDurability
{
    /// <summary>
    /// Appends that arrive while a sync is running are written together and made durable by one sync (bounded by
    /// <see cref="GrainflowLogStreamOptions.GroupCommitWindow"/>). The default: many producers cost one fsync per
    /// group, not one each, at no added latency when the window is zero.
    /// </summary>
    GroupCommit,

    /// <summary>
    /// Every append is written and synced on its own, one after the other. Simplest to reason about; throughput is
    /// bounded by the disk's sync rate.
    /// </summary>
    PerAppend,
}
