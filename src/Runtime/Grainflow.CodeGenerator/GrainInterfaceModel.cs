using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Grainflow.CodeGenerator;

/// <summary>What the emitter needs to know of one grain interface.</summary>
internal sealed class GrainInterfaceModel
{
    public GrainInterfaceModel(string fullyQualifiedName, string displayName, string referenceClassName)
    {
        FullyQualifiedName = fullyQualifiedName;
        DisplayName = displayName;
        ReferenceClassName = referenceClassName;
    }

    /// <summary>The interface as written in generated code: global::Ns.IFoo.</summary>
    public string FullyQualifiedName { get; }

    /// <summary>The interface as named in diagnostics and method descriptors: Ns.IFoo.</summary>
    public string DisplayName { get; }

    /// <summary>The name of the generated reference class.</summary>
    public string ReferenceClassName { get; }

    public List<GrainMethodModel> Methods { get; } = new List<GrainMethodModel>();

    public List<Diagnostic> Diagnostics { get; } = new List<Diagnostic>();
}
