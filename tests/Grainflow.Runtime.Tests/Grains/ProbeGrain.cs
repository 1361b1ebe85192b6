namespace Grainflow.Runtime.Tests.Grains;

public class ProbeGrain : Grain, IProbeGrain
{
    private int _inside;
    private int _maxInside;
    private int _calls;
    private int _counted;

    public async Task<int> EnterYieldLeave()
    {
        var inside = Interlocked.Increment(ref _inside);
        _maxInside = Math.Max(_maxInside, inside);
        await Task.Yield();
        await Task.Delay(1);
        Interlocked.Decrement(ref _inside);
        return ++_calls;
    }

    public Task<int> MaxConcurrency() => Task.FromResult(_maxInside);

    public async Task Wait(Task gate, TaskCompletionSource? entered)
    {
        var inside = Interlocked.Increment(ref _inside);
        _maxInside = Math.Max(_maxInside, inside);
        entered?.SetResult();
        await gate;
        Interlocked.Decrement(ref _inside);
    }

    public Task<bool> BlockAtBarrier(Barrier barrier) => Task.FromResult(barrier.SignalAndWait(TimeSpan.FromSeconds(20)));

    public Task<int> Count() => Task.FromResult(++_counted);

    public Task<int> CountInterleaved() => Task.FromResult(++_counted);

    public async Task<string> WhoAmIAfterAwait()
    {
        await Task.Delay(1);
        return (SynchronizationContext.Current?.GetType().Name ?? "none") + ":" + GetPrimaryKeyString();
    }
}

[Reentrant]
public sealed class ReentrantProbeGrain : ProbeGrain, IReentrantProbeGrain;

public interface IReentrantProbeGrain : IProbeGrain;
