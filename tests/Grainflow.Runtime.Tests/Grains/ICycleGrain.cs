namespace Grainflow.Runtime.Tests.Grains;

public interface ICycleGrain : IGrainWithStringKey
{
    /// <summary>Calls <paramref name="peer"/>, which calls back into this grain.</summary>
    Task<string> CallPeerThatCallsBack(ICycleGrain peer);

    Task<string> CallBack(ICycleGrain origin);

    Task<string> Name();
}

public class CycleGrain : Grain, ICycleGrain
{
    public Task<string> CallPeerThatCallsBack(ICycleGrain peer) => peer.CallBack(this.AsReference());

    public async Task<string> CallBack(ICycleGrain origin) => "via " + await origin.Name();

    public Task<string> Name() => Task.FromResult(GetPrimaryKeyString());

    private ICycleGrain AsReference() => GrainFactory.GetGrain<ICycleGrain>(GetPrimaryKeyString());
}

public interface IReentrantCycleGrain : ICycleGrain;

[Reentrant]
public sealed class ReentrantCycleGrain : Grain, IReentrantCycleGrain
{
    public Task<string> CallPeerThatCallsBack(ICycleGrain peer) => peer.CallBack(GrainFactory.GetGrain<IReentrantCycleGrain>(GetPrimaryKeyString()));

    public async Task<string> CallBack(ICycleGrain origin) => "via " + await origin.Name();

    public Task<string> Name() => Task.FromResult(GetPrimaryKeyString());
}
