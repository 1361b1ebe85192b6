namespace Grainflow.Invocation;

/// <summary>Scheduling options of a grain method, taken from its attributes by the code generator.</summary>
[Flags]
public enum GrainMethodOptions
{
    /// <summary>An ordinary request: waits while a non-reentrant grain runs another request.</summary>
    None = 0,

    /// <summary>The method carries <see cref="AlwaysInterleaveAttribute"/>.</summary>
    AlwaysInterleave = 1,
}
