using System.Diagnostics;
using System.Reflection;
using System.Runtime;
using Grainflow.Benchmarks.Grains;
using Grainflow.Runtime;

namespace Grainflow.Benchmarks.Runtime.Harness;

/// <summary>
/// The end-to-end harness: measures every figure of the runtime's performance targets in one process and
/// prints them against their targets. Runs the probes one after another, each on its own silo.
/// </summary>
internal static class RuntimeHarness
{
    private const double LatencyP50TargetNanoseconds = 2_000;
    private const double ThroughputTarget = 1_000_000;
    private const double IdleActivationTargetBytes = 1_024;

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        if (!HarnessOptions.TryParse(args, out var options))
        {
            await Console.Error.WriteLineAsync(HarnessOptions.Usage).ConfigureAwait(false);
            return 1;
        }

        var optimized = !IsJitOptimizerDisabled(typeof(Silo).Assembly) && !IsJitOptimizerDisabled(typeof(RuntimeHarness).Assembly);
        if (!optimized && !options.Quick)
        {
            await Console.Error.WriteLineAsync("The runtime was built without optimizations; run with -c Release.").ConfigureAwait(false);
            return 2;
        }

        Console.WriteLine(
            $"Grainflow runtime harness{(options.Quick ? " (quick smoke run: figures are indicative only)" : "")}: " +
            $".NET {Environment.Version}, {Environment.ProcessorCount} cores, " +
            $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC, {(optimized ? "optimized" : "NOT optimized")}.");

        var figures = new List<Figure>();
        var total = Stopwatch.StartNew();
        await MeasureSequentialCallsAsync(options, figures).ConfigureAwait(false);
        await MeasureThroughputAsync(options, figures).ConfigureAwait(false);
        await MeasureIdleActivationAsync(options, figures).ConfigureAwait(false);

        Console.WriteLine();
        Console.Write(ResultTable.Format(figures));
        Console.WriteLine();
        Console.WriteLine($"Harness ran in {total.Elapsed.TotalSeconds:0.0} s.");
        return 0;
    }

    private static async Task MeasureSequentialCallsAsync(HarnessOptions options, List<Figure> figures)
    {
        await using var silo = await BenchmarkSilo.StartAsync().ConfigureAwait(false);
        var grain = await BenchmarkSilo.ActivateAsync(silo, key: 1).ConfigureAwait(false);

        var latency = await LatencyProbe.MeasureAsync(grain, options.LatencyCalls, options.WarmUp).ConfigureAwait(false);
        var timer = LatencyProbe.MeasureTimerOverhead(options.LatencyCalls);
        figures.Add(new Figure("Sequential call p50 (Add, sync-completing)", latency.P50, "ns", Target.Below(LatencyP50TargetNanoseconds)));
        figures.Add(Figure.Info("Sequential call p99", latency.P99, "ns"));
        figures.Add(Figure.Info("Sequential call p99.9", latency.P999, "ns"));
        figures.Add(Figure.Info("Sequential call mean", latency.Mean, "ns"));
        figures.Add(Figure.Info("Timestamp pair p50 (included in each sample)", timer.P50, "ns"));

        var taskSize = AllocationProbe.TaskOfIntSize();
        var calls = options.LatencyCalls;
        var add = await AllocationProbe.BytesPerCallAsync(AllocationProbe.Add(grain), calls).ConfigureAwait(false);
        var addAsync = await AllocationProbe.BytesPerCallAsync(AllocationProbe.AddAsync(grain), calls).ConfigureAwait(false);
        var touch = await AllocationProbe.BytesPerCallAsync(AllocationProbe.Touch(grain), calls).ConfigureAwait(false);
        figures.Add(Figure.Info("Size of one Task<int>", taskSize, "B"));
        figures.Add(Figure.Info("Bytes per call, Add (Task.FromResult)", add, "B"));
        figures.Add(new Figure("Allocations per call, Add (Task.FromResult)", add / taskSize, "Task<int>", Target.AtMost(1)));
        figures.Add(new Figure("Allocations per call, AddAsync (async method)", addAsync / taskSize, "Task<int>", Target.AtMost(1)));
        figures.Add(new Figure("Runtime bytes per call, Touch (cached Task)", touch, "B", Target.AtMost(0)));
    }

    private static async Task MeasureThroughputAsync(HarnessOptions options, List<Figure> figures)
    {
        await using var silo = await BenchmarkSilo.StartAsync().ConfigureAwait(false);
        var grains = new ICounterGrain[options.ThroughputGrains];
        for (var i = 0; i < grains.Length; i++)
        {
            grains[i] = await BenchmarkSilo.ActivateAsync(silo, 1_000 + i).ConfigureAwait(false);
        }

        var summary = await ThroughputProbe.MeasureAsync(grains, options.ThroughputCallers, options.ThroughputDuration).ConfigureAwait(false);
        var name = $"Throughput, {options.ThroughputCallers} callers x {options.ThroughputGrains:#,0} grains";
        figures.Add(new Figure(name, summary.CallsPerSecond, "calls/s", Target.AtLeast(ThroughputTarget)));
        figures.Add(Figure.Info("Throughput run: bytes per call", summary.BytesPerCall, "B"));
    }

    private static async Task MeasureIdleActivationAsync(HarnessOptions options, List<Figure> figures)
    {
        var summary = await ActivationMemoryProbe.MeasureAsync(options.IdleActivations).ConfigureAwait(false);
        figures.Add(Figure.Info("Grain object size (CounterGrain)", summary.GrainObjectBytes, "B"));
        figures.Add(Figure.Info("Heap per idle activation, grain included", summary.TotalBytes, "B"));
        figures.Add(new Figure(
            $"Heap per idle activation beyond the grain ({options.IdleActivations:#,0} activations)",
            summary.RuntimeBytes,
            "B",
            Target.Below(IdleActivationTargetBytes)));
    }

    private static bool IsJitOptimizerDisabled(Assembly assembly) =>
        assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled ?? false;
}
