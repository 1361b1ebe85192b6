using Grainflow.Runtime.Tests.Grains;

namespace Grainflow.Runtime.Tests;

public sealed class ExceptionTests
{
    [Fact]
    public async Task Call_GrainThrowsSynchronously_CallerGetsSameTypeAndMessage()
    {
        await using var silo = await Silos.StartAsync();
        var grain = silo.GrainFactory.GetGrain<IThrowingGrain>(Guid.NewGuid());

        var error = await Assert.ThrowsAsync<ProbeFailedException>(() => grain.ThrowSynchronously("sync failure"));

        Assert.Equal("sync failure", error.Message);
    }

    [Fact]
    public async Task Call_GrainThrowsAfterAwait_CallerGetsSameTypeAndMessage()
    {
        await using var silo = await Silos.StartAsync();
        var grain = silo.GrainFactory.GetGrain<IThrowingGrain>(Guid.NewGuid());

        var error = await Assert.ThrowsAsync<ArgumentException>(() => grain.ThrowAfterAwait("async failure").Within());

        Assert.Equal("message", error.ParamName);
        Assert.StartsWith("async failure", error.Message);
    }

    [Fact]
    public async Task Call_QueuedCallThrows_CallerGetsSameTypeAndGrainKeepsServing()
    {
        await using var silo = await Silos.StartAsync();
        var grain = silo.GrainFactory.GetGrain<IThrowingGrain>(Guid.NewGuid());

        var calls = new[] { grain.ThrowAfterAwait("first"), grain.ThrowAfterAwait("second") };
        var second = await Assert.ThrowsAsync<ArgumentException>(() => calls[1].Within());
        await Assert.ThrowsAsync<ArgumentException>(() => calls[0].Within());

        Assert.StartsWith("second", second.Message);
        Assert.NotEqual(Guid.Empty, await grain.Key().Within());
    }
}
