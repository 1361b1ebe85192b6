namespace Grainflow.Streaming.State;

/// <summary>
/// The processing-time timers of one task: at most one timer per (key, time), fired in time order.
/// </summary>
/// <remarks>Not thread-safe: the owning task uses it from its turns.</remarks>
public sealed class ProcessingTimeTimers<TKey>
    where TKey : notnull
{
    private readonly PriorityQueue<(TKey Key, long Time), long> _queue = new();
    private readonly HashSet<(TKey Key, long Time)> _registered = [];

    /// <summary>The number of registered timers.</summary>
    public int Count => _registered.Count;

    /// <summary>When the earliest timer is due (UTC ticks), or null.</summary>
    public long? NextDue
    {
        get
        {
            while (_queue.TryPeek(out var timer, out var time))
            {
                if (_registered.Contains(timer))
                {
                    return time;
                }

                _queue.Dequeue();
            }

            return null;
        }
    }

    /// <summary>Registers a timer for <paramref name="key"/> at <paramref name="timeTicks"/> (UTC ticks); a duplicate is ignored.</summary>
    public void Register(TKey key, long timeTicks)
    {
        if (_registered.Add((key, timeTicks)))
        {
            _queue.Enqueue((key, timeTicks), timeTicks);
        }
    }

    /// <summary>Deletes a timer; true if it existed.</summary>
    public bool Delete(TKey key, long timeTicks) => _registered.Remove((key, timeTicks));

    /// <summary>Removes and returns the earliest timer due at or before <paramref name="nowTicks"/>.</summary>
    public bool TryTakeDue(long nowTicks, out TKey key, out long timeTicks)
    {
        while (_queue.TryPeek(out var timer, out var time) && time <= nowTicks)
        {
            _queue.Dequeue();
            if (_registered.Remove(timer))
            {
                (key, timeTicks) = timer;
                return true;
            }
        }

        key = default!;
        timeTicks = 0;
        return false;
    }

    internal (TKey Key, long Time)[] Capture() => [.. _registered];
}
