using Grainflow.Grains.Samples;
using Grainflow.Interfaces.Samples;
using Grainflow.Silo.CommandLine;
using Grainflow.Silo.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grainflow.Silo.Samples;

/// <summary>
/// Increments counter grains from one concurrent caller per grain, reports progress and throughput, checks
/// that no increment was lost while running, and after the silo stopped, that every one was saved.
/// </summary>
internal sealed partial class CounterSampleWorkload(
    IGrainFactory grainFactory,
    ICounterStore store,
    CounterActivity activity,
    CounterSampleSettings settings,
    IOptions<SiloOptions> siloOptions,
    TimeProvider timeProvider,
    ILogger<CounterSampleWorkload> logger)
{
    private const int YieldEvery = 64;

    private static readonly TimeSpan s_progressPeriod = TimeSpan.FromSeconds(1);

    // More grains than calls would leave grains without a call; those are simply not used.
    private readonly int _grains = Math.Min(settings.Grains, settings.Calls);
    private long _completed;

    private int ActiveCounters => activity.Activations - activity.Deactivations;

    /// <summary>Runs until every call completed or <paramref name="stopping"/> is cancelled; returns the completed calls.</summary>
    public async Task<long> RunAsync(CancellationToken stopping)
    {
        var callTimeout = DurationParser.Format(siloOptions.Value.CallTimeout);
        var shutdownTimeout = DurationParser.Format(siloOptions.Value.ShutdownTimeout);
        LogStarting(settings.Calls, _grains, callTimeout, shutdownTimeout);
        var started = timeProvider.GetTimestamp();
        using var progressStop = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var progress = ReportProgressAsync(progressStop.Token);
        try
        {
            await Task.WhenAll(Enumerable.Range(0, _grains).Select(i => CallAsync(Counter(i), CallsFor(i), stopping)));
        }
        finally
        {
            await progressStop.CancelAsync();
            await progress;
        }

        var elapsed = timeProvider.GetElapsedTime(started);
        var completed = Volatile.Read(ref _completed);
        if (completed < settings.Calls)
        {
            LogInterrupted(completed, settings.Calls);
            return completed;
        }

        var callsPerSecond = (long)(completed / Math.Max(elapsed.TotalSeconds, 1e-6));
        LogCompleted(completed, (long)elapsed.TotalMilliseconds, callsPerSecond, ActiveCounters);
        var counted = await SumAsync(i => Counter(i).GetCountAsync());
        if (counted != completed)
        {
            throw new InvalidOperationException($"The counters sum to {counted}, but {completed} increments were acknowledged.");
        }

        LogVerified(_grains, counted);
        return completed;
    }

    public void ReportStopping() => LogStopping(ActiveCounters);

    /// <summary>Checks, once the silo stopped, that every activation saved its count on deactivation.</summary>
    public async Task ReportStoppedAsync(long completed)
    {
        var saved = await SumAsync(i => store.ReadAsync(CounterName(i)).AsTask());
        LogStopped(activity.Deactivations, activity.Activations, saved, completed);
        if (saved != completed)
        {
            throw new InvalidOperationException($"The store holds {saved} increments, but {completed} were acknowledged: the graceful stop lost some.");
        }
    }

    private static string CounterName(int index) => $"counter-{index}";

    private ICounterGrain Counter(int index) => grainFactory.GetGrain<ICounterGrain>(CounterName(index));

    private int CallsFor(int index) => (settings.Calls / _grains) + (index < settings.Calls % _grains ? 1 : 0);

    private async Task CallAsync(ICounterGrain counter, int calls, CancellationToken stopping)
    {
        // Calls are not cancelled midway: an interrupted run stops between calls, so every acknowledged
        // increment is one the grain applied.
        for (var i = 0; i < calls && !stopping.IsCancellationRequested; i++)
        {
            await counter.IncrementAsync();
            Interlocked.Increment(ref _completed);

            // A local call often completes before it is awaited, and the loop then keeps its thread: on a 2-core machine
            // two such callers starved the other callers' calls past the 30 s call timeout. Give the thread back now and then.
            if (i % YieldEvery == YieldEvery - 1)
            {
                await Task.Yield();
            }
        }
    }

    private async Task<long> SumAsync(Func<int, Task<long>> read)
    {
        var counts = await Task.WhenAll(Enumerable.Range(0, _grains).Select(read));
        return counts.Sum();
    }

    private async Task ReportProgressAsync(CancellationToken cancellationToken)
    {
        try
        {
            // A delay after each report rather than a periodic timer: when callers saturate the thread pool,
            // late ticks must not burst out as a run of reports.
            while (true)
            {
                await Task.Delay(s_progressPeriod, timeProvider, cancellationToken);
                var completed = Volatile.Read(ref _completed);
                LogProgress(completed, settings.Calls, ActiveCounters);
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended; there is nothing more to report.
        }
    }
}
