using Grainflow.Runtime.Tests.Grains;

namespace Grainflow.Runtime.Tests;

public sealed class TurnSchedulingTests
{
    [Fact]
    public async Task Calls_ManyConcurrentCallersToOneGrain_NeverOverlap()
    {
        await using var silo = await Silos.StartAsync();
        var grain = silo.GrainFactory.GetGrain<IProbeGrain>("isolated");

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(() => grain.EnterYieldLeave()))).Within();

        Assert.Equal(Enumerable.Range(1, 200), results.Order());
        Assert.Equal(1, await grain.MaxConcurrency());
    }

    [Fact]
    public async Task Calls_ReentrantGrain_InterleaveAtAwaits()
    {
        await using var silo = await Silos.StartAsync();
        var grain = silo.GrainFactory.GetGrain<IReentrantProbeGrain>("reentrant");
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var first = grain.Wait(gate.Task);
        var second = grain.Wait(gate.Task);
        var concurrency = await grain.MaxConcurrency();
        gate.SetResult();
        await Task.WhenAll(first, second).Within();

        Assert.Equal(2, concurrency);
    }

    [Fact]
    public async Task Calls_NonReentrantGrainAwaiting_LaterCallWaitsUntilRequestCompletes()
    {
        await using var silo = await Silos.StartAsync();
        var grain = silo.GrainFactory.GetGrain<IProbeGrain>("waiting");
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holding = grain.Wait(gate.Task, entered);
        await entered.Task.Within();
        var queued = grain.Count();
        var interleaved = await grain.CountInterleaved().Within();

        Assert.False(queued.IsCompleted);
        Assert.Equal(1, interleaved);
        gate.SetResult();
        await holding.Within();
        Assert.Equal(2, await queued.Within());
    }

    [Fact]
    public async Task Calls_DifferentGrains_RunInParallel()
    {
        await using var silo = await Silos.StartAsync();
        using var barrier = new Barrier(2);
        var a = silo.GrainFactory.GetGrain<IProbeGrain>("parallel-a");
        var b = silo.GrainFactory.GetGrain<IProbeGrain>("parallel-b");
        await Task.WhenAll(a.Count(), b.Count());

        var passed = await Task.WhenAll(Task.Run(() => a.BlockAtBarrier(barrier)), Task.Run(() => b.BlockAtBarrier(barrier))).Within();

        Assert.Equal([true, true], passed);
    }

    [Fact]
    public async Task Await_InGrainCode_ResumesOnTheGrainsOwnContext()
    {
        await using var silo = await Silos.StartAsync();
        var grain = silo.GrainFactory.GetGrain<IProbeGrain>("context");

        var fastPath = await grain.WhoAmIAfterAwait().Within();
        var queuedPath = await Task.WhenAll(grain.WhoAmIAfterAwait(), grain.WhoAmIAfterAwait()).Within();

        Assert.Equal("ActivationSynchronizationContext:context", fastPath);
        Assert.All(queuedPath, r => Assert.Equal("ActivationSynchronizationContext:context", r));
    }
}
