using Grainflow.Runtime.Tests.Grains;
using Grainflow.TestingHost;
using Microsoft.Extensions.DependencyInjection;

namespace Grainflow.Runtime.Tests;

public sealed class TimerTests
{
    [Fact]
    public async Task Timer_Fires_RunsAsTurnOnTheGrainsContext()
    {
        var clock = new ManualTimeProvider();
        await using var silo = await Silos.StartAsync(clock);
        var signals = silo.Services.GetRequiredService<TimerSignals>();
        var grain = silo.GrainFactory.GetGrain<ITimerGrain>("ticking");
        await grain.Start(TimeSpan.FromSeconds(1), keepAlive: false).Within();

        clock.Advance(TimeSpan.FromSeconds(1));
        var first = await signals.WhenTick(1).Within();
        await Probes.WaitUntilQuiescentAsync(silo);
        clock.Advance(TimeSpan.FromSeconds(1));
        await signals.WhenTick(2).Within();

        Assert.False(first.Overlapped);
        Assert.Equal("ActivationSynchronizationContext", first.Context?.GetType().Name);
        Assert.Equal(2, await grain.Ticks().Within());
    }

    [Fact]
    public async Task Timer_FiresDuringRequest_TickWaitsUntilRequestCompletes()
    {
        var clock = new ManualTimeProvider();
        await using var silo = await Silos.StartAsync(clock);
        var signals = silo.Services.GetRequiredService<TimerSignals>();
        var grain = silo.GrainFactory.GetGrain<ITimerGrain>("held");
        await grain.Start(TimeSpan.FromSeconds(1), keepAlive: false).Within();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holding = grain.HoldUntil(gate.Task);

        clock.Advance(TimeSpan.FromSeconds(1));
        var tick = signals.WhenTick(1);
        Assert.False(tick.IsCompleted);
        gate.SetResult();
        await holding.Within();

        Assert.False((await tick.Within()).Overlapped);
    }

    [Fact]
    public async Task Timer_Disposed_StopsTicking()
    {
        var clock = new ManualTimeProvider();
        await using var silo = await Silos.StartAsync(clock);
        var grain = silo.GrainFactory.GetGrain<ITimerGrain>("stopped");
        await grain.Start(TimeSpan.FromSeconds(1), keepAlive: false).Within();
        var armedWithTimer = clock.ArmedTimerCount;

        await grain.StopTimer().Within();
        clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(armedWithTimer - 1, clock.ArmedTimerCount);
        Assert.Equal(0, await grain.Ticks().Within());
    }
}
