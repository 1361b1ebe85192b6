using BenchmarkDotNet.Attributes;
using Grainflow.Benchmarks.Harness;

namespace Grainflow.Benchmarks.Calls;

/// <summary>
/// A grain call carrying a 256-record batch, <see cref="ImmutableAttribute"/> (passed by reference) against copied,
/// inside one Orleans silo. Each invocation makes <see cref="CallsPerInvoke"/> calls: one after another with one
/// caller, all at once (one per grain) with 32; results are per call.
/// </summary>
[MemoryDiagnoser]
[GcServer(true)]
public class GrainCallBenchmarks
{
    private const int CallsPerInvoke = 32;

    private BenchmarkSilo? _silo;
    private IBatchSinkGrain[] _grains = [];
    private ImmutableWordBatch _immutable = null!;
    private CopiedWordBatch _copied = null!;

    [Params(1, 32)]
    public int Callers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _silo = BenchmarkSilo.StartAsync().GetAwaiter().GetResult();
        _grains = [.. Enumerable.Range(0, CallsPerInvoke).Select(i => _silo.GrainFactory.GetGrain<IBatchSinkGrain>(i))];
        Task.WhenAll(_grains.Select(g => g.GetRecordCountAsync())).GetAwaiter().GetResult();
        (_immutable, _copied) = WordBatches.Create(seed: 1);
    }

    [GlobalCleanup]
    public void Cleanup() => _silo?.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, OperationsPerInvoke = CallsPerInvoke)]
    public Task ImmutableBatch() => CallAsync(static (grain, benchmark) => grain.PushAsync(benchmark._immutable));

    [Benchmark(OperationsPerInvoke = CallsPerInvoke)]
    public Task CopiedBatch() => CallAsync(static (grain, benchmark) => grain.PushAsync(benchmark._copied));

    private async Task CallAsync(Func<IBatchSinkGrain, GrainCallBenchmarks, Task> call)
    {
        if (Callers == 1)
        {
            for (var i = 0; i < CallsPerInvoke; i++)
            {
                await call(_grains[0], this).ConfigureAwait(false);
            }

            return;
        }

        var calls = new Task[CallsPerInvoke];
        for (var i = 0; i < calls.Length; i++)
        {
            calls[i] = call(_grains[i], this);
        }

        await Task.WhenAll(calls).ConfigureAwait(false);
    }
}
