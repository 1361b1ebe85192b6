namespace Grainflow.Grains.Tests.Protocol;

/// <summary>What the timer function did, observed from the test: records processed and timers fired, with signals.</summary>
internal sealed class TimerProbe
{
    private readonly Lock _lock = new();
    private readonly List<string> _fired = [];
    private readonly List<(Func<bool> Condition, TaskCompletionSource Signal)> _waiters = [];
    private int _processed;

    public int Processed
    {
        get
        {
            lock (_lock)
            {
                return _processed;
            }
        }
    }

    public IReadOnlyList<string> Fired
    {
        get
        {
            lock (_lock)
            {
                return [.. _fired];
            }
        }
    }

    public void OnProcessed() => Update(() => _processed++);

    public void OnFired(string key) => Update(() => _fired.Add(key));

    public Task WhenProcessed(int count) => When(() => _processed >= count);

    public Task WhenFired(int count) => When(() => _fired.Count >= count);

    private Task When(Func<bool> condition)
    {
        lock (_lock)
        {
            if (condition())
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((condition, signal));
            return signal.Task;
        }
    }

    private void Update(Action change)
    {
        lock (_lock)
        {
            change();
            foreach (var waiter in _waiters.Where(w => w.Condition()).ToList())
            {
                waiter.Signal.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }
}
