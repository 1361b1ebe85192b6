namespace Grainflow.Benchmarks.Harness;

/// <summary>One measured figure and the target it is judged against (none for figures reported for context).</summary>
internal sealed record Figure(string Name, double Value, string Unit, Target? Target = null)
{
    public static Figure Info(string name, double value, string unit) => new(name, value, unit);
}
