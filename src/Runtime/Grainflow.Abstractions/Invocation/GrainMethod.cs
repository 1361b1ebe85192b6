namespace Grainflow.Invocation;

/// <summary>
/// Describes one method of a grain interface. The code generator creates one static instance per method, so
/// describing a call costs nothing per call.
/// </summary>
public sealed class GrainMethod
{
    /// <summary>Creates a method descriptor.</summary>
    public GrainMethod(string interfaceName, string methodName, GrainMethodOptions options)
    {
        InterfaceName = interfaceName;
        MethodName = methodName;
        Options = options;
    }

    /// <summary>The full name of the grain interface that declares the method.</summary>
    public string InterfaceName { get; }

    /// <summary>The method's name.</summary>
    public string MethodName { get; }

    /// <summary>The method's scheduling options.</summary>
    public GrainMethodOptions Options { get; }

    /// <summary>Whether calls to the method may interleave with other requests.</summary>
    public bool AlwaysInterleave => (Options & GrainMethodOptions.AlwaysInterleave) != 0;

    /// <inheritdoc/>
    public override string ToString() => $"{InterfaceName}.{MethodName}";
}
