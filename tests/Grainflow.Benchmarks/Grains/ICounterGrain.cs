namespace Grainflow.Benchmarks.Grains;

/// <summary>A small grain whose methods cover the shapes of the call path: sync-completing, async, cached task, truly asynchronous.</summary>
public interface ICounterGrain : IGrainWithIntegerKey
{
    /// <summary>Adds <paramref name="x"/> and returns the total through <see cref="Task.FromResult{TResult}"/> (one allocation).</summary>
    Task<int> Add(int x);

    /// <summary>An <c>async</c> method that completes synchronously; its state machine returns a fresh task (one allocation).</summary>
    Task<int> AddAsync(int x);

    /// <summary>Returns <see cref="Task.CompletedTask"/>: the grain allocates nothing, so any allocation is the runtime's.</summary>
    Task Touch();

    /// <summary>Yields before adding, so the call leaves the fast path and completes through the activation's queue.</summary>
    Task<int> AddAfterYield(int x);
}
