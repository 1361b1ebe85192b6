namespace Grainflow.Benchmarks.Grains;

internal sealed class CounterGrain : Grain, ICounterGrain
{
    private int _total;

    public Task<int> Add(int x) => Task.FromResult(_total += x);

    public async Task<int> AddAsync(int x)
    {
        await Task.CompletedTask;
        return _total += x;
    }

    public Task Touch() => Task.CompletedTask;

    public async Task<int> AddAfterYield(int x)
    {
        await Task.Yield();
        return _total += x;
    }
}
