namespace Grainflow.TestingHost;

/// <summary>A timer of <see cref="ManualTimeProvider"/>.</summary>
internal sealed class ManualTimer(ManualTimeProvider clock, TimerCallback callback, object? state) : ITimer
{
    private TimeSpan _period = Timeout.InfiniteTimeSpan;
    private bool _disposed;

    /// <summary>When the timer fires next; null when disarmed. Guarded by the clock's lock.</summary>
    public DateTimeOffset? DueAt { get; private set; }

    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        lock (clock.SyncRoot)
        {
            if (_disposed)
            {
                return false;
            }

            _period = period;
            DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : clock.Now + dueTime;
            return true;
        }
    }

    /// <summary>Sets the next due time after a firing at <paramref name="now"/>; called under the clock's lock.</summary>
    public void Rearm(DateTimeOffset now) =>
        DueAt = _period == Timeout.InfiniteTimeSpan || _period == TimeSpan.Zero ? null : now + _period;

    public void Fire() => callback(state);

    public void Dispose()
    {
        lock (clock.SyncRoot)
        {
            _disposed = true;
            DueAt = null;
        }

        clock.Remove(this);
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
