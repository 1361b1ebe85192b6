using Grainflow.Runtime.Tests.Grains;
using Grainflow.TestingHost;
using Microsoft.Extensions.DependencyInjection;

namespace Grainflow.Runtime.Tests;

public sealed class IdleCollectionTests
{
    private static readonly TimeSpan s_quantum = TimeSpan.FromSeconds(10);

    private static Task<TestSilo> StartAsync(ManualTimeProvider clock) =>
        Silos.StartAsync(clock, o =>
        {
            o.CollectionQuantum = s_quantum;
            o.CollectionAge = TimeSpan.FromSeconds(30);
        });

    [Fact]
    public async Task IdleActivation_OlderThanCollectionAge_IsDeactivatedWithIdleReason()
    {
        var clock = new ManualTimeProvider();
        await using var silo = await StartAsync(clock);
        var journal = silo.Services.GetRequiredService<LifecycleJournal>();
        await silo.GrainFactory.GetGrain<ILifecycleGrain>(11).Ping().Within();

        clock.Advance(3 * s_quantum);
        Assert.DoesNotContain("11:deactivate:IdleTimeout", journal.Events);
        clock.Advance(s_quantum);
        await journal.WhenRecorded("11:deactivate:IdleTimeout").Within();

        await WaitForActivationCountAsync(silo, 0);
    }

    [Fact]
    public async Task ActivationInUse_CallsEveryQuantum_IsNotCollected()
    {
        var clock = new ManualTimeProvider();
        await using var silo = await StartAsync(clock);
        var journal = silo.Services.GetRequiredService<LifecycleJournal>();
        var grain = silo.GrainFactory.GetGrain<ILifecycleGrain>(12);

        for (var i = 0; i < 10; i++)
        {
            await grain.Ping().Within();
            clock.Advance(s_quantum);
        }

        Assert.DoesNotContain(journal.Events, e => e.Contains("deactivate", StringComparison.Ordinal));
        Assert.Equal(1, silo.Silo.ActivationCount);
    }

    [Fact]
    public async Task KeepAliveTimer_TicksWhileIdle_KeepsActivation()
    {
        var clock = new ManualTimeProvider();
        await using var silo = await StartAsync(clock);
        var signals = silo.Services.GetRequiredService<TimerSignals>();
        await silo.GrainFactory.GetGrain<ITimerGrain>("kept").Start(s_quantum, keepAlive: true).Within();

        for (var tick = 1; tick <= 10; tick++)
        {
            clock.Advance(s_quantum);
            await signals.WhenTick(tick).Within();
            await Probes.WaitUntilQuiescentAsync(silo);
        }

        Assert.False(signals.Deactivated.Task.IsCompleted);
    }

    [Fact]
    public async Task PlainTimer_TicksWhileIdle_DoesNotKeepActivation()
    {
        var clock = new ManualTimeProvider();
        await using var silo = await StartAsync(clock);
        var signals = silo.Services.GetRequiredService<TimerSignals>();
        var grain = silo.GrainFactory.GetGrain<ITimerGrain>("not-kept");
        await grain.Start(TimeSpan.FromSeconds(15), keepAlive: false).Within();

        // Ticks at 15 s and 30 s; collections every 10 s. Let each tick finish before the next collection looks.
        for (var seconds = 5; seconds <= 35; seconds += 5)
        {
            clock.Advance(TimeSpan.FromSeconds(5));
            if (seconds % 15 == 0)
            {
                await signals.WhenTick(seconds / 15).Within();
                await Probes.WaitUntilQuiescentAsync(silo);
            }
        }

        Assert.False(signals.Deactivated.Task.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(DeactivationReasonCode.IdleTimeout, (await signals.Deactivated.Task.Within()).Code);
    }

    /// <summary>The directory entry goes right after OnDeactivateAsync returns; poll for it with a deadline.</summary>
    private static Task WaitForActivationCountAsync(TestSilo silo, int expected) =>
        Probes.WaitUntilAsync(() => silo.Silo.ActivationCount == expected, $"the activation count to reach {expected}");
}
