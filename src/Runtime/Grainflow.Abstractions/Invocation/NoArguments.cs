namespace Grainflow.Invocation;

/// <summary>The argument pack of a grain method without parameters.</summary>
public readonly struct NoArguments;
