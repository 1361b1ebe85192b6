using System.Net.Http.Headers;

namespace Grainflow.Storage.AzureBlob.Internal;

/// <summary>Reads raw header values from request or content headers, exactly as they go on the wire.</summary>
internal static class HttpHeaderReader
{
    public static string? Get(HttpRequestMessage message, string name) =>
        Get(message.Headers.NonValidated, name) ?? (message.Content is null ? null : Get(message.Content.Headers.NonValidated, name));

    public static string? Get(HttpResponseMessage response, string name) =>
        Get(response.Headers.NonValidated, name) ?? Get(response.Content.Headers.NonValidated, name);

    private static string? Get(HttpHeadersNonValidated headers, string name) =>
        headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
}
