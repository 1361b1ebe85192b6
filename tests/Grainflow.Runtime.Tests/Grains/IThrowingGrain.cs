namespace Grainflow.Runtime.Tests.Grains;

public interface IThrowingGrain : IGrainWithGuidKey
{
    Task<int> ThrowSynchronously(string message);

    Task ThrowAfterAwait(string message);

    Task<Guid> Key();
}

public sealed class ProbeFailedException(string message) : Exception(message);

public sealed class ThrowingGrain : Grain, IThrowingGrain
{
    public Task<int> ThrowSynchronously(string message) => throw new ProbeFailedException(message);

    public async Task ThrowAfterAwait(string message)
    {
        await Task.Yield();
        throw new ArgumentException(message, nameof(message));
    }

    public Task<Guid> Key() => Task.FromResult(GetPrimaryKey());
}
