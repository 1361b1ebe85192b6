namespace Grainflow.Benchmarks.Runtime.Harness;

/// <summary>Heap bytes per idle activation: in total, of the grain object alone, and what the runtime adds.</summary>
internal sealed record ActivationMemorySummary(double TotalBytes, double GrainObjectBytes, double RuntimeBytes);
