using System.Linq;
using Microsoft.CodeAnalysis;

namespace Grainflow.CodeGenerator;

/// <summary>Turns a grain interface symbol into the model the emitter writes from.</summary>
internal static class GrainInterfaceReader
{
    private const string GrainMarker = "Grainflow.IGrain";
    private const string AlwaysInterleave = "Grainflow.AlwaysInterleaveAttribute";

    private static readonly SymbolDisplayFormat s_typeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .WithMiscellaneousOptions(
            SymbolDisplayFormat.FullyQualifiedFormat.MiscellaneousOptions
            | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    public static bool IsGrainInterface(INamedTypeSymbol type) =>
        type.TypeKind == TypeKind.Interface
        && type.AllInterfaces.Any(i => i.ToDisplayString() == GrainMarker)
        && !type.ToDisplayString().StartsWith("Grainflow.IGrain", System.StringComparison.Ordinal);

    public static GrainInterfaceModel Read(INamedTypeSymbol type)
    {
        var display = type.ToDisplayString();
        var className = display.Replace('.', '_').Replace('<', '_').Replace('>', '_').Replace(',', '_') + "_Reference";
        var model = new GrainInterfaceModel(type.ToDisplayString(s_typeFormat), display, className);
        var location = type.Locations.FirstOrDefault();

        if (type.IsGenericType)
        {
            model.Diagnostics.Add(Diagnostic.Create(Diagnostics.UnsupportedMember, location, display, "generic grain interfaces are not supported yet"));
            return model;
        }

        if (type.DeclaredAccessibility != Accessibility.Public && type.DeclaredAccessibility != Accessibility.Internal)
        {
            model.Diagnostics.Add(Diagnostic.Create(Diagnostics.UnsupportedMember, location, display, "grain interfaces must be public or internal"));
            return model;
        }

        foreach (var declaring in new[] { type }.Concat(type.AllInterfaces))
        {
            foreach (var member in declaring.GetMembers())
            {
                ReadMember(model, declaring, member);
            }
        }

        return model;
    }

    private static void ReadMember(GrainInterfaceModel model, INamedTypeSymbol declaring, ISymbol member)
    {
        var memberName = declaring.ToDisplayString() + "." + member.Name;
        var location = member.Locations.FirstOrDefault();
        if (member is not IMethodSymbol method || method.MethodKind != MethodKind.Ordinary)
        {
            if (member is not IMethodSymbol)
            {
                model.Diagnostics.Add(Diagnostic.Create(Diagnostics.UnsupportedMember, location, memberName, "only methods can be called on a grain"));
            }

            return;
        }

        if (method.IsStatic || !method.IsAbstract)
        {
            return;
        }

        if (method.IsGenericMethod)
        {
            model.Diagnostics.Add(Diagnostic.Create(Diagnostics.UnsupportedMember, location, memberName, "generic methods are not supported yet"));
            return;
        }

        var returnType = method.ReturnType as INamedTypeSymbol;
        var returnName = returnType?.ConstructedFrom.ToDisplayString();
        string? resultType;
        if (returnName == "System.Threading.Tasks.Task")
        {
            resultType = null;
        }
        else if (returnName == "System.Threading.Tasks.Task<TResult>")
        {
            resultType = returnType!.TypeArguments[0].ToDisplayString(s_typeFormat);
        }
        else
        {
            model.Diagnostics.Add(Diagnostic.Create(Diagnostics.UnsupportedReturnType, location, memberName, method.ReturnType.ToDisplayString()));
            return;
        }

        var interleave = method.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == AlwaysInterleave);
        var methodModel = new GrainMethodModel(declaring.ToDisplayString(s_typeFormat), declaring.ToDisplayString(), method.Name, resultType, interleave);
        foreach (var parameter in method.Parameters)
        {
            if (parameter.RefKind != RefKind.None)
            {
                model.Diagnostics.Add(Diagnostic.Create(Diagnostics.UnsupportedMember, location, memberName, "ref, out and in parameters cannot cross a grain call"));
                return;
            }

            methodModel.Parameters.Add((parameter.Type.ToDisplayString(s_typeFormat), "@" + parameter.Name));
        }

        model.Methods.Add(methodModel);
    }
}
