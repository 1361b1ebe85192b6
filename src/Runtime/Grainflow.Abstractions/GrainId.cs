namespace Grainflow;

/// <summary>
/// The identity of a grain: its grain type (the name the implementing class is registered under) and its key,
/// in canonical string form (invariant decimal for integer keys, "D" format for Guid keys).
/// </summary>
public readonly record struct GrainId(string Type, string Key)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Type}/{Key}";
}
