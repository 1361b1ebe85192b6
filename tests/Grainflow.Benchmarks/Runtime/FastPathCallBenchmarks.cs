using BenchmarkDotNet.Attributes;
using Grainflow.Benchmarks.Grains;
using Grainflow.TestingHost;

namespace Grainflow.Benchmarks.Runtime;

/// <summary>
/// One sequential caller and one active grain whose reference has cached the activation: every call takes the
/// fast path (entered inline on the caller's thread). The baseline is the grain method's own cost without the runtime.
/// </summary>
[MemoryDiagnoser]
public class FastPathCallBenchmarks
{
    private TestSilo? _silo;
    private ICounterGrain _grain = null!;
    private int _directTotal;

    [GlobalSetup]
    public void Setup()
    {
        _silo = BenchmarkSilo.StartAsync().GetAwaiter().GetResult();
        _grain = BenchmarkSilo.ActivateAsync(_silo, key: 1).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _silo?.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>What <see cref="CounterGrain.Add"/> costs when called directly: the one allocation every variant pays.</summary>
    [Benchmark(Baseline = true)]
    public Task<int> DirectTaskFromResult() => Task.FromResult(_directTotal += 1);

    [Benchmark]
    public Task<int> SyncCompletingCall() => _grain.Add(1);

    [Benchmark]
    public Task<int> AsyncMethodCall() => _grain.AddAsync(1);

    [Benchmark]
    public Task CompletedTaskCall() => _grain.Touch();
}
