using Grainflow.Benchmarks.Grains;

namespace Grainflow.Benchmarks.Runtime.Harness;

/// <summary>
/// Bytes allocated per sequential fast-path call, over all threads (so a call that hopped threads is still
/// counted), and the same expressed in objects of the size of a <see cref="Task{TResult}"/>: the one allocation
/// a grain method that returns a fresh task makes itself.
/// </summary>
internal static class AllocationProbe
{
    private static Task<int>? s_sink;

    /// <summary>The size of one <see cref="Task{TResult}"/> of int, measured on this runtime.</summary>
    public static double TaskOfIntSize()
    {
        const int Count = 10_000;
        s_sink = Task.FromResult(int.MaxValue);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Count; i++)
        {
            // Values outside the runtime's small cached range, so each call allocates.
            s_sink = Task.FromResult(1_000_000 + i);
        }

        return (GC.GetAllocatedBytesForCurrentThread() - before) / (double)Count;
    }

    public static async Task<double> BytesPerCallAsync(Func<Task> call, int calls)
    {
        for (var i = 0; i < Math.Min(calls, 10_000); i++)
        {
            await call().ConfigureAwait(false);
        }

        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < calls; i++)
        {
            await call().ConfigureAwait(false);
        }

        return (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)calls;
    }

    public static Func<Task> Add(ICounterGrain grain) => () => grain.Add(1);

    public static Func<Task> AddAsync(ICounterGrain grain) => () => grain.AddAsync(1);

    public static Func<Task> Touch(ICounterGrain grain) => grain.Touch;
}
