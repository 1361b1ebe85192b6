using System.Text;

namespace Grainflow.Storage.AzureBlob.Internal;

/// <summary>
/// Builds the Shared Key string-to-sign for the Blob service, as specified in "Authorize with Shared Key"
/// (version 2009-09-19 and later): verb, eleven standard headers, canonicalized <c>x-ms-</c> headers, canonicalized resource.
/// </summary>
internal static class SharedKeySigner
{
    private static readonly string[] s_standardHeaders =
    [
        "Content-Encoding", "Content-Language", "Content-Length", "Content-MD5", "Content-Type", "Date",
        "If-Modified-Since", "If-Match", "If-None-Match", "If-Unmodified-Since", "Range",
    ];

    public static string BuildStringToSign(HttpRequestMessage message, string accountName)
    {
        var builder = new StringBuilder(256);
        builder.Append(message.Method.Method).Append('\n');
        foreach (var name in s_standardHeaders)
        {
            builder.Append(StandardHeaderValue(message, name)).Append('\n');
        }

        AppendCanonicalizedHeaders(builder, message);
        AppendCanonicalizedResource(builder, message.RequestUri!, accountName);
        return builder.ToString();
    }

    private static string StandardHeaderValue(HttpRequestMessage message, string name)
    {
        if (name == "Content-Length")
        {
            // Since 2015-02-21 a zero length is signed as the empty string, whether or not the header is sent.
            var length = message.Content?.Headers.ContentLength;
            return length is null or 0 ? string.Empty : length.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return HttpHeaderReader.Get(message, name) ?? string.Empty;
    }

    private static void AppendCanonicalizedHeaders(StringBuilder builder, HttpRequestMessage message)
    {
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var (name, values) in message.Headers.NonValidated)
        {
            if (name.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
            {
#pragma warning disable CA1308 // The specification requires lowercase header names.
                headers.Add(new(name.ToLowerInvariant(), string.Join(",", values).Trim()));
#pragma warning restore CA1308
            }
        }

        headers.Sort(static (left, right) => string.CompareOrdinal(left.Key, right.Key));
        foreach (var (name, value) in headers)
        {
            builder.Append(name).Append(':').Append(value).Append('\n');
        }
    }

    private static void AppendCanonicalizedResource(StringBuilder builder, Uri uri, string accountName)
    {
        // The path is signed as sent (escaped), after the account name; for path-style emulator endpoints the account
        // therefore appears twice (/devstoreaccount1/devstoreaccount1/container), as the specification's emulator note says.
        builder.Append('/').Append(accountName).Append(uri.AbsolutePath);

        var query = uri.Query.TrimStart('?');
        if (query.Length == 0)
        {
            return;
        }

        var parameters = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var rawName = equals < 0 ? pair : pair[..equals];
            var rawValue = equals < 0 ? string.Empty : pair[(equals + 1)..];
#pragma warning disable CA1308 // The specification requires lowercase parameter names.
            var name = Uri.UnescapeDataString(rawName).ToLowerInvariant();
#pragma warning restore CA1308
            if (!parameters.TryGetValue(name, out var values))
            {
                parameters[name] = values = [];
            }

            values.Add(Uri.UnescapeDataString(rawValue.Replace('+', ' ')));
        }

        foreach (var (name, values) in parameters)
        {
            values.Sort(StringComparer.Ordinal);
            builder.Append('\n').Append(name).Append(':').Append(string.Join(",", values));
        }
    }
}
