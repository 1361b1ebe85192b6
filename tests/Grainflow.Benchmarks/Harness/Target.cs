namespace Grainflow.Benchmarks.Harness;

/// <summary>A target a figure must meet: below, at most, or at least <see cref="Bound"/>.</summary>
internal sealed record Target(TargetKind Kind, double Bound)
{
    public static Target Below(double bound) => new(TargetKind.Below, bound);

    public static Target AtMost(double bound) => new(TargetKind.AtMost, bound);

    public static Target AtLeast(double bound) => new(TargetKind.AtLeast, bound);

    public bool IsMetBy(double value) => Kind switch
    {
        TargetKind.Below => value < Bound,
        TargetKind.AtMost => value <= Bound,
        _ => value >= Bound,
    };

    public override string ToString() => Kind switch
    {
        TargetKind.Below => $"< {Bound:#,0.##}",
        TargetKind.AtMost => $"<= {Bound:#,0.##}",
        _ => $">= {Bound:#,0.##}",
    };
}
