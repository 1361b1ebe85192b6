using Microsoft.CodeAnalysis;

namespace Grainflow.CodeGenerator;

internal static class Diagnostics
{
    private const string Category = "Grainflow";

    public static readonly DiagnosticDescriptor UnsupportedReturnType = new DiagnosticDescriptor(
        "GF0001", "Grain method must return Task or Task<T>",
        "Grain interface method '{0}' returns '{1}'; grain methods must return Task or Task<T> because every call is asynchronous",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnsupportedMember = new DiagnosticDescriptor(
        "GF0002", "Unsupported grain interface member",
        "Grain interface member '{0}' is not supported: {1}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
}
