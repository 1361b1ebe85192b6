using System.Diagnostics;
using System.Reflection;
using System.Runtime;

namespace Grainflow.Benchmarks.Harness;

/// <summary>What every harness prints first and checks: an optimized build, the GC mode, the machine.</summary>
internal static class BuildCheck
{
    /// <summary>True when none of <paramref name="assemblies"/> was built with the JIT optimizer disabled (a Debug build).</summary>
    public static bool IsOptimized(params Assembly[] assemblies) =>
        assemblies.All(a => !(a.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled ?? false));

    public static string Describe(bool optimized) =>
        $".NET {Environment.Version}, {Environment.ProcessorCount} cores, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, " +
        $"{(optimized ? "optimized" : "NOT optimized")}, load average {LoadAverage()}";

    // The machine is shared: the load when the run started says how much to trust wall-clock figures.
    public static string LoadAverage()
    {
        const string LoadFile = "/proc/loadavg";
        return File.Exists(LoadFile) ? string.Join(' ', File.ReadAllText(LoadFile).Split(' ').Take(3)) : "unknown";
    }
}
