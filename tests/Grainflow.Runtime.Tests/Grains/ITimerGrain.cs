using Grainflow.Timers;

namespace Grainflow.Runtime.Tests.Grains;

public interface ITimerGrain : IGrainWithStringKey
{
    Task Start(TimeSpan period, bool keepAlive);

    Task HoldUntil(Task gate);

    Task<int> Ticks();

    Task StopTimer();
}

public sealed class TimerGrain(TimerSignals signals) : Grain, ITimerGrain
{
    private IGrainTimer? _timer;
    private int _ticks;
    private bool _inRequest;

    public Task Start(TimeSpan period, bool keepAlive)
    {
        _timer = RegisterGrainTimer(OnTickAsync, new GrainTimerCreationOptions { DueTime = period, Period = period, KeepAlive = keepAlive });
        return Task.CompletedTask;
    }

    public async Task HoldUntil(Task gate)
    {
        _inRequest = true;
        await gate;
        _inRequest = false;
    }

    public Task<int> Ticks() => Task.FromResult(_ticks);

    public Task StopTimer()
    {
        _timer?.Dispose();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        signals.Deactivated.TrySetResult(reason);
        return Task.CompletedTask;
    }

    private async Task OnTickAsync(CancellationToken cancellationToken)
    {
        var overlapped = _inRequest;
        await Task.Yield();
        _ticks++;
        signals.Tick(_ticks, overlapped, SynchronizationContext.Current);
    }
}

/// <summary>What timer grains report to the test.</summary>
public sealed class TimerSignals
{
    private readonly Lock _lock = new();
    private readonly Dictionary<int, TaskCompletionSource<(bool Overlapped, SynchronizationContext? Context)>> _ticks = [];

    public TaskCompletionSource<DeactivationReason> Deactivated { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Tick(int number, bool overlapped, SynchronizationContext? context) => For(number).TrySetResult((overlapped, context));

    public Task<(bool Overlapped, SynchronizationContext? Context)> WhenTick(int number) => For(number).Task;

    private TaskCompletionSource<(bool Overlapped, SynchronizationContext? Context)> For(int number)
    {
        lock (_lock)
        {
            if (!_ticks.TryGetValue(number, out var source))
            {
                _ticks[number] = source = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            return source;
        }
    }
}
