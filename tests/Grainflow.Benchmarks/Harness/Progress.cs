using System.Diagnostics;

namespace Grainflow.Benchmarks.Harness;

/// <summary>Progress lines, stamped with the time since the process started measuring.</summary>
internal static class Progress
{
    private static readonly Stopwatch s_clock = Stopwatch.StartNew();

    public static TimeSpan Elapsed => s_clock.Elapsed;

    public static void Write(string message) => Console.WriteLine($"[{s_clock.Elapsed.TotalSeconds,6:0.0} s] {message}");
}
