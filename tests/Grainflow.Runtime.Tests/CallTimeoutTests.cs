using Grainflow.Runtime.Tests.Grains;
using Grainflow.TestingHost;

namespace Grainflow.Runtime.Tests;

public sealed class CallTimeoutTests
{
    [Fact]
    public async Task Call_LongerThanCallTimeout_FailsWithTimeoutException()
    {
        var clock = new ManualTimeProvider();
        await using var silo = await Silos.StartAsync(clock, o => o.CallTimeout = TimeSpan.FromSeconds(5));
        var grain = silo.GrainFactory.GetGrain<IProbeGrain>("slow");
        var never = new TaskCompletionSource();

        var call = grain.Wait(never.Task);
        clock.Advance(TimeSpan.FromSeconds(4.9));
        Assert.False(call.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(0.1));

        var error = await Assert.ThrowsAsync<TimeoutException>(() => call.Within());
        Assert.Contains("IProbeGrain.Wait", error.Message);
        Assert.Contains("5 s", error.Message);
        never.SetResult();
    }

    [Fact]
    public async Task Call_QueuedUntilItTimesOut_NeverRunsAfterwards()
    {
        var clock = new ManualTimeProvider();
        await using var silo = await Silos.StartAsync(clock, o => o.CallTimeout = TimeSpan.FromSeconds(5));
        var grain = silo.GrainFactory.GetGrain<IProbeGrain>("queued");
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holding = grain.Wait(gate.Task, entered);
        await entered.Task.Within();

        var queued = grain.Count();
        clock.Advance(TimeSpan.FromSeconds(5));
        var error = await Assert.ThrowsAsync<TimeoutException>(() => queued.Within());
        gate.SetResult();
        await Assert.ThrowsAsync<TimeoutException>(() => holding.Within());

        Assert.Contains("still queued", error.Message);
        Assert.Equal(1, await grain.Count().Within());
    }
}
