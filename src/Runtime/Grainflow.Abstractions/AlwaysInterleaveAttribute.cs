namespace Grainflow;

/// <summary>
/// Marks a grain interface method whose calls may interleave with any other request of a non-reentrant grain
/// (for example a status query that must answer while a long request awaits). Turns still never overlap.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = true)]
public sealed class AlwaysInterleaveAttribute : Attribute;
