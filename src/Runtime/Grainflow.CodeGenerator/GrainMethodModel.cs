using System.Collections.Generic;

namespace Grainflow.CodeGenerator;

/// <summary>One method a generated reference implements.</summary>
internal sealed class GrainMethodModel
{
    public GrainMethodModel(string declaringInterface, string declaringInterfaceDisplay, string name, string? resultType, bool alwaysInterleave)
    {
        DeclaringInterface = declaringInterface;
        DeclaringInterfaceDisplay = declaringInterfaceDisplay;
        Name = name;
        ResultType = resultType;
        AlwaysInterleave = alwaysInterleave;
    }

    public string DeclaringInterface { get; }

    public string DeclaringInterfaceDisplay { get; }

    public string Name { get; }

    /// <summary>T of Task&lt;T&gt;, or null for a method returning Task.</summary>
    public string? ResultType { get; }

    public bool AlwaysInterleave { get; }

    public List<(string Type, string Name)> Parameters { get; } = new List<(string Type, string Name)>();
}
