namespace Grainflow.Streaming.Execution;

/// <summary>
/// Keeps the count of a job's restarts against its <see cref="RestartStrategy"/>: whether another restart is
/// allowed now, and how long to wait before it.
/// </summary>
public sealed class RestartBudget(RestartStrategy strategy)
{
    private readonly Queue<DateTimeOffset> _recent = new();
    private TimeSpan _nextDelay = strategy.InitialDelay;

    /// <summary>Restarts taken since the job started.</summary>
    public int Count { get; private set; }

    /// <summary>
    /// Takes a restart at <paramref name="now"/> if the strategy allows one, with the delay to wait before it; false
    /// when <see cref="RestartStrategy.MaxRestarts"/> restarts were taken within the window already.
    /// </summary>
    public bool TryTake(DateTimeOffset now, out TimeSpan delay)
    {
        while (_recent.TryPeek(out var oldest) && now - oldest >= strategy.Window)
        {
            _recent.Dequeue();
        }

        if (_recent.Count >= strategy.MaxRestarts)
        {
            delay = TimeSpan.Zero;
            return false;
        }

        _recent.Enqueue(now);
        Count++;
        delay = _nextDelay;
        _nextDelay = TimeSpan.FromTicks(Math.Min(_nextDelay.Ticks * 2, strategy.MaxDelay.Ticks));
        return true;
    }

    /// <summary>A checkpoint completed: the job runs again, so the next restart waits the initial delay.</summary>
    public void OnCheckpointCompleted() => _nextDelay = strategy.InitialDelay;
}
