namespace Grainflow.Benchmarks.Harness;

/// <summary>How a figure compares with its target's bound.</summary>
internal enum TargetKind
{
    Below,
    AtMost,
    AtLeast,
}
