using System.CommandLine.Parsing;

namespace Grainflow.Silo.CommandLine;

/// <summary>Helpers for the custom parsers of single-value options.</summary>
internal static class ArgumentResultExtensions
{
    /// <summary>The one token given for the option, for parsing and for quoting in an error message.</summary>
    public static string SingleToken(this ArgumentResult result) =>
        result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Join(' ', result.Tokens.Select(t => t.Value));
}
