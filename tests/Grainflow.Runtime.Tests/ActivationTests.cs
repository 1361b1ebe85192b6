using Grainflow.Runtime.Tests.Grains;
using Microsoft.Extensions.DependencyInjection;

namespace Grainflow.Runtime.Tests;

public sealed class ActivationTests
{
    [Fact]
    public async Task FirstCall_ManyCallersRace_ExactlyOneActivation()
    {
        await using var silo = await Silos.StartAsync();
        var journal = silo.Services.GetRequiredService<LifecycleJournal>();
        using var start = new ManualResetEventSlim();
        var callers = Enumerable.Range(0, 64)
            .Select(_ => Task.Run(() =>
            {
                start.Wait();
                return silo.GrainFactory.GetGrain<ILifecycleGrain>(7).Ping();
            }))
            .ToList();

        start.Set();
        var instances = await Task.WhenAll(callers).Within();

        Assert.Single(instances.Distinct());
        Assert.Equal(1, journal.Events.Count(e => e == "7:construct"));
        Assert.Equal(1, journal.Events.Count(e => e == "7:activate"));
        Assert.Equal(64, journal.Events.Count(e => e == "7:ping"));
        Assert.Equal(1, silo.Silo.ActivationCount);
    }

    [Fact]
    public async Task Lifecycle_DeactivateOnIdle_CallbacksInOrderAndNextCallReactivates()
    {
        await using var silo = await Silos.StartAsync();
        var journal = silo.Services.GetRequiredService<LifecycleJournal>();
        var grain = silo.GrainFactory.GetGrain<ILifecycleGrain>(1);

        var firstInstance = await grain.Ping().Within();
        await grain.PingAndDeactivate().Within();
        var secondInstance = await grain.Ping().Within();

        Assert.NotEqual(firstInstance, secondInstance);
        Assert.Equal(
            ["1:construct", "1:activate", "1:ping", "1:ping", "1:deactivate:ApplicationRequested", "1:construct", "1:activate", "1:ping"],
            journal.Events);
    }

    [Fact]
    public async Task Activation_OnActivateThrows_CallFailsWithThatExceptionAndNextCallRetries()
    {
        await using var silo = await Silos.StartAsync();
        var journal = silo.Services.GetRequiredService<LifecycleJournal>();
        var grain = silo.GrainFactory.GetGrain<ILifecycleGrain>(3);
        var first = await grain.Ping().Within();
        await grain.ThrowOnNextActivation().Within();

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.Ping().Within());
        var afterFailure = await grain.Ping().Within();

        Assert.Equal("activation refused by test", failure.Message);
        Assert.NotEqual(first, afterFailure);
        Assert.Equal(
            ["3:construct", "3:activate", "3:ping", "3:deactivate:ApplicationRequested", "3:construct", "3:construct", "3:activate", "3:ping"],
            journal.Events);
        Assert.Equal(1, silo.Silo.ActivationCount);
    }

    [Fact]
    public async Task Keys_IntegerAndGuid_RoundTripToTheGrain()
    {
        await using var silo = await Silos.StartAsync();
        var key = Guid.Parse("2f1c7d1e-8c55-4a8e-9a47-0d2c9f6b1a01");

        var seen = await silo.GrainFactory.GetGrain<IThrowingGrain>(key).Key().Within();

        Assert.Equal(key, seen);
        Assert.Equal(silo.GrainFactory.GetGrain<IThrowingGrain>(key), silo.GrainFactory.GetGrain<IThrowingGrain>(key));
        Assert.Equal("Grainflow.Runtime.Tests.Grains.LifecycleGrain/-5", silo.GrainFactory.GetGrain<ILifecycleGrain>(-5).ToString());
    }

    [Fact]
    public async Task GetGrain_InterfaceWithoutRegisteredClass_SaysHowToRegisterIt()
    {
        await using var silo = await TestingHost.TestSilo.StartAsync(builder => builder.AddGrain<ProbeGrain>());

        var error = Assert.Throws<InvalidOperationException>(() => silo.GrainFactory.GetGrain<ILifecycleGrain>(1));

        Assert.Contains("No grain class implementing Grainflow.Runtime.Tests.Grains.ILifecycleGrain is registered", error.Message);
        Assert.Contains("AddGrain<T>()", error.Message);
    }

    [Fact]
    public void Grain_ConstructedWithNew_RefusedWithAMessage()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ThrowingGrain());

        Assert.Contains("IGrainFactory.GetGrain", error.Message);
    }
}
