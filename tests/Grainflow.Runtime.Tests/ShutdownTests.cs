using Grainflow.Runtime.Tests.Grains;
using Grainflow.TestingHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Grainflow.Runtime.Tests;

public sealed class ShutdownTests
{
    [Fact]
    public async Task Stop_ManyActivations_EachDeactivatedOnceWithShutdownReason()
    {
        await using var silo = await Silos.StartAsync();
        var journal = silo.Services.GetRequiredService<LifecycleJournal>();
        await Task.WhenAll(Enumerable.Range(0, 100).Select(i => silo.GrainFactory.GetGrain<ILifecycleGrain>(i).Ping())).Within();

        await silo.StopAsync().Within();

        var deactivated = journal.Events.Where(e => e.EndsWith(":deactivate:ShuttingDown", StringComparison.Ordinal)).Order().ToList();
        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"{i}:deactivate:ShuttingDown").Order(), deactivated);
        Assert.Equal(0, silo.Silo.ActivationCount);
    }

    [Fact]
    public async Task Stop_DeactivationHangs_AbandonedAtBoundWithTokenCancelled()
    {
        var clock = new ManualTimeProvider();
        await using var silo = await Silos.StartAsync(clock, o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        var journal = silo.Services.GetRequiredService<LifecycleJournal>();
        var tokenCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        journal.OnDeactivate = async token =>
        {
            token.Register(tokenCancelled.SetResult);
            await Task.Delay(Timeout.Infinite, token).ContinueWith(_ => { }, TaskScheduler.Default);
        };
        await silo.GrainFactory.GetGrain<ILifecycleGrain>(1).Ping().Within();

        var stopping = silo.StopAsync();
        Assert.False(stopping.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(5));
        await stopping.Within();

        await tokenCancelled.Task.Within();
        Assert.Contains(silo.Log.Entries, e => e.EventId.Id == 1003 && e.Message.Contains("1 activations did not finish", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Call_AfterShutdown_FailsWithSiloUnavailable()
    {
        await using var silo = await Silos.StartAsync();
        var grain = silo.GrainFactory.GetGrain<ILifecycleGrain>(5);
        await grain.Ping().Within();
        await silo.StopAsync().Within();

        await Assert.ThrowsAsync<SiloUnavailableException>(() => grain.Ping().Within());
    }

    [Fact]
    public async Task Start_InvalidOptions_RefusedNamingTheSetting()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            Silos.StartAsync(options: o => o.CallTimeout = TimeSpan.Zero));

        Assert.Contains("CallTimeout must be greater than zero", error.Message);
    }
}
