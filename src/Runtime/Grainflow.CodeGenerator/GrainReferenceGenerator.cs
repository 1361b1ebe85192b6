using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Grainflow.CodeGenerator;

/// <summary>
/// Writes, at compile time, a grain reference class for every grain interface declared in the compilation,
/// and a module initializer that registers them, so that no reflection runs on the call path.
/// </summary>
[Generator]
public sealed class GrainReferenceGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var interfaces = context.SyntaxProvider
            .CreateSyntaxProvider(
                static (node, _) => node is InterfaceDeclarationSyntax { BaseList: not null },
                static (syntax, cancellationToken) =>
                    syntax.SemanticModel.GetDeclaredSymbol(syntax.Node, cancellationToken) as INamedTypeSymbol)
            .Where(static symbol => symbol is not null && GrainInterfaceReader.IsGrainInterface(symbol))
            .Collect();

        context.RegisterSourceOutput(interfaces, static (output, symbols) =>
        {
            var models = symbols
                .Distinct(SymbolEqualityComparer.Default)
                .Cast<INamedTypeSymbol>()
                .Select(GrainInterfaceReader.Read)
                .OrderBy(m => m.ReferenceClassName, System.StringComparer.Ordinal)
                .ToList();
            var valid = models.Where(m => m.Diagnostics.Count == 0).ToList();
            foreach (var diagnostic in models.SelectMany(m => m.Diagnostics))
            {
                output.ReportDiagnostic(diagnostic);
            }

            foreach (var model in valid)
            {
                output.AddSource(model.ReferenceClassName + ".g.cs", GrainReferenceEmitter.Emit(model));
            }

            if (valid.Count > 0)
            {
                output.AddSource("GrainReferenceRegistrations.g.cs", GrainReferenceEmitter.EmitRegistrations(valid));
            }
        });
    }
}
