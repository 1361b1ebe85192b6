using Grainflow.Runtime.Activations;
using Grainflow.Timers;

namespace Grainflow.Runtime.Timers;

/// <summary>
/// A grain timer: the clock's timer only queues a tick; the tick runs as a request of the activation, and
/// the next one is armed after the callback's task completes, so ticks never pile up behind a slow callback.
/// </summary>
internal sealed class GrainTimer : IGrainTimer
{
    private readonly Activation _activation;
    private readonly Func<CancellationToken, Task> _callback;
    private readonly bool _interleave;
    private readonly CancellationTokenSource _disposed = new();
    private readonly ITimer _timer;
    private TimeSpan _period;

    public GrainTimer(Activation activation, Func<CancellationToken, Task> callback, GrainTimerCreationOptions options, TimeProvider timeProvider)
    {
        _activation = activation;
        _callback = callback;
        _interleave = options.Interleave;
        KeepAlive = options.KeepAlive;
        DueTime = options.DueTime;
        _period = options.Period;
        _timer = timeProvider.CreateTimer(static s => ((GrainTimer)s!).OnClockFired(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public bool KeepAlive { get; }

    private TimeSpan DueTime { get; set; }

    public void Start() => Arm(DueTime);

    public void Change(TimeSpan dueTime, TimeSpan period)
    {
        _period = period;
        Arm(dueTime);
    }

    public Task RunCallback() => _disposed.IsCancellationRequested ? Task.CompletedTask : _callback(_disposed.Token);

    public void ScheduleNext()
    {
        if (_period != Timeout.InfiniteTimeSpan)
        {
            Arm(_period);
        }
    }

    public void Dispose()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        _disposed.Cancel();
        _timer.Dispose();
        _activation.RemoveTimer(this);
    }

    private void Arm(TimeSpan dueTime)
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        try
        {
            _timer.Change(dueTime, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // Disposed concurrently by the activation's deactivation: nothing left to arm.
        }
    }

    private void OnClockFired()
    {
        if (!_disposed.IsCancellationRequested && !_activation.TryEnqueueTick(this, _interleave))
        {
            Dispose();
        }
    }
}
