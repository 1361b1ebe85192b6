namespace Grainflow.Benchmarks.Harness;

/// <summary>
/// One measured figure and the target it is judged against (none for figures reported for context). A figure the
/// harness refuses to compute (its measurement did not meet the conditions that make it mean something) has no
/// value and says why in <see cref="Refusal"/>.
/// </summary>
internal sealed record Figure(string Name, double Value, string Unit, Target? Target = null, string? Refusal = null)
{
    public static Figure Info(string name, double value, string unit) => new(name, value, unit);

    public static Figure Refused(string name, string unit, Target? target, string reason) => new(name, double.NaN, unit, target, reason);
}
