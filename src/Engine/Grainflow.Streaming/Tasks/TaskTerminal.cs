using Grainflow.Streaming.Checkpointing.Storage;

namespace Grainflow.Streaming.Tasks;

/// <summary>
/// The end of a task's chain: the collector the last operator emits into, and what it does at control events.
/// Every step that orders records against a barrier happens before the first await of <see cref="OnBarrierAsync"/>
/// returns control; the task awaits it before handling anything else.
/// </summary>
internal abstract class TaskTerminal
{
    private static readonly IReadOnlyList<SinkCommitRecord> s_none = [];

    /// <summary>The collector (an ICollector of the chain's last output type).</summary>
    public abstract object Collector { get; }

    /// <summary>Records the collector has taken so far.</summary>
    public long Emitted { get; protected set; }

    /// <summary>
    /// Set while the task replays input whose output a sink committed already (recovery past a damaged checkpoint):
    /// a sink's collector drops every record until the task clears it at the first barrier. Terminals that only pass
    /// records on ignore it: downstream operators must see the replayed records to rebuild their state.
    /// </summary>
    public bool DropsReplayedOutput { get; set; }

    /// <summary>
    /// Whether output waits for credit from the receivers: the task takes no more input until
    /// <see cref="CapacityRestored"/> says it may (a keyed task), or until <see cref="FlushAsync"/> completes (a source).
    /// </summary>
    public virtual bool IsBackPressured => false;

    /// <summary>
    /// Called on the task's scheduler when output that waited for credit has all been sent, or sending failed
    /// (<see cref="ThrowIfFailed"/> then throws).
    /// </summary>
    public Action? CapacityRestored { get; set; }

    /// <summary>Hands off buffered records and waits until nothing waits for credit any more (back pressure).</summary>
    /// <exception cref="InvalidOperationException">An earlier send failed.</exception>
    public virtual ValueTask FlushAsync(CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    /// <summary>
    /// Barrier <paramref name="checkpointId"/>: forward it, or pre-commit the sink epoch it closes. Quick: what must
    /// reach the disk before the checkpoint is acknowledged is left to <see cref="MakeDurableAsync"/>.
    /// </summary>
    public virtual ValueTask<IReadOnlyList<SinkCommitRecord>> OnBarrierAsync(long checkpointId) => ValueTask.FromResult(s_none);

    /// <summary>
    /// Starts forcing to disk what <see cref="OnBarrierAsync"/> staged; called right after it, on the task's turn,
    /// awaited off the turn before the acknowledgement.
    /// </summary>
    public virtual Task MakeDurableAsync() => Task.CompletedTask;

    /// <summary>Checkpoint <paramref name="checkpointId"/> is complete: commit what it covers.</summary>
    public virtual ValueTask OnCheckpointCompleteAsync(long checkpointId) => ValueTask.CompletedTask;

    /// <summary>Receiver task <paramref name="receiverIndex"/> gave back <paramref name="credits"/> credits (a terminal without receivers ignores it).</summary>
    public virtual void GrantCredit(int receiverIndex, int credits)
    {
    }

    /// <summary>Throws when an earlier send to a receiver failed: the task cannot go on without what it lost.</summary>
    public virtual void ThrowIfFailed()
    {
    }
}
