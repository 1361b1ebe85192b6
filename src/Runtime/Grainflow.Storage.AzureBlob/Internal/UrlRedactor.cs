using System.Text.RegularExpressions;

namespace Grainflow.Storage.AzureBlob.Internal;

/// <summary>Removes SAS signatures from anything that is about to be printed (messages, logs, ToString).</summary>
internal static partial class UrlRedactor
{
    public const string Redacted = "REDACTED";

    public static string Redact(Uri uri) => Redact(uri.ToString());

    public static string Redact(string text) => SignatureRegex().Replace(text, "$1" + Redacted);

    // Matches sig= as a query parameter in a URL or a bare SAS string, in any case, up to the next separator.
    [GeneratedRegex(@"((?:^|[?&;\s""'])sig=)[^&;\s""'<]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SignatureRegex();
}
