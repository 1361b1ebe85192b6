namespace Grainflow;

/// <summary>
/// Marks a grain class whose requests may interleave: while one request awaits, the next may start. Turns
/// still never overlap — at most one thread runs the grain's code at a time — but state may change across an
/// await. Without it, a grain takes one request at a time, start to finish.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class ReentrantAttribute : Attribute;
