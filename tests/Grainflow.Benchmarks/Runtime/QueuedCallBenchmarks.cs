using BenchmarkDotNet.Attributes;
using Grainflow.Benchmarks.Grains;
using Grainflow.TestingHost;

namespace Grainflow.Benchmarks.Runtime;

/// <summary>
/// The paths a call takes when it cannot complete inline, for contrast with <see cref="FastPathCallBenchmarks"/>:
/// a grain method that yields (the call becomes pending and its continuation runs as a queued turn), and a call
/// through a fresh reference (routed, queued, and run on the thread pool).
/// </summary>
[MemoryDiagnoser]
public class QueuedCallBenchmarks
{
    private const long GrainKey = 1;

    private TestSilo? _silo;
    private IGrainFactory _factory = null!;
    private ICounterGrain _grain = null!;

    [GlobalSetup]
    public void Setup()
    {
        _silo = BenchmarkSilo.StartAsync().GetAwaiter().GetResult();
        _factory = _silo.GrainFactory;
        _grain = BenchmarkSilo.ActivateAsync(_silo, GrainKey).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _silo?.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark]
    public Task<int> YieldingCall() => _grain.AddAfterYield(1);

    [Benchmark]
    public Task<int> RoutedCallThroughNewReference() => _factory.GetGrain<ICounterGrain>(GrainKey).Add(1);
}
