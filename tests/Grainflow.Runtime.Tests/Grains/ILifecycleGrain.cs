namespace Grainflow.Runtime.Tests.Grains;

public interface ILifecycleGrain : IGrainWithIntegerKey
{
    Task<long> Ping();

    Task PingAndDeactivate();

    Task ThrowOnNextActivation();
}
