namespace Grainflow.Streaming.State;

/// <summary>
/// Marks one key group's table as shared with snapshots not yet written: while any holds it, the task must copy
/// the table before changing it (copy-on-write), so the capture at the barrier copies nothing.
/// </summary>
/// <remarks>Taken on the task's turn; released by a snapshot from whichever thread wrote it.</remarks>
internal sealed class ShardHold
{
    private int _holders = 1;

    /// <summary>Whether a snapshot still reads the shard.</summary>
    public bool IsHeld => Volatile.Read(ref _holders) > 0;

    /// <summary>One more snapshot reads the shard; false when every earlier holder had let go (take a new hold instead).</summary>
    public bool TryAddHolder()
    {
        var holders = Volatile.Read(ref _holders);
        while (holders > 0)
        {
            var seen = Interlocked.CompareExchange(ref _holders, holders + 1, holders);
            if (seen == holders)
            {
                return true;
            }

            holders = seen;
        }

        return false;
    }

    /// <summary>A snapshot finished reading the shard.</summary>
    public void Release() => Interlocked.Decrement(ref _holders);
}
