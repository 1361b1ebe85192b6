using Grainflow.Runtime.Tests.Grains;
using Grainflow.TestingHost;

namespace Grainflow.Runtime.Tests;

/// <summary>
/// A calls B, B calls back into A. Grainflow does what Orleans does: a non-reentrant A cannot take B's call
/// while its own request waits on B, so B's call fails with a TimeoutException after the call timeout and the
/// failure travels back to A's caller; a reentrant A takes the call and the cycle completes.
/// </summary>
public sealed class CallCycleTests
{
    [Fact]
    public async Task Cycle_NonReentrantGrain_FailsWithTimeoutAfterCallTimeout()
    {
        var clock = new ManualTimeProvider();
        await using var silo = await Silos.StartAsync(clock, o => o.CallTimeout = TimeSpan.FromSeconds(10));
        var a = silo.GrainFactory.GetGrain<ICycleGrain>("a");
        var b = silo.GrainFactory.GetGrain<ICycleGrain>("b");

        var call = a.CallPeerThatCallsBack(b);
        Assert.False(call.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(10));

        var error = await Assert.ThrowsAsync<TimeoutException>(() => call.Within());
        Assert.Contains("call cycle", error.Message);
        Assert.Equal("a", await a.Name().Within());
    }

    [Fact]
    public async Task Cycle_ReentrantGrain_Completes()
    {
        await using var silo = await Silos.StartAsync();
        var a = silo.GrainFactory.GetGrain<IReentrantCycleGrain>("a");
        var b = silo.GrainFactory.GetGrain<IReentrantCycleGrain>("b");

        var result = await a.CallPeerThatCallsBack(b).Within();

        Assert.Equal("via a", result);
    }
}
