using System.Net.Http.Headers;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Grainflow.Storage.AzureBlob.Internal;

/// <summary>The one place where a failed request becomes a <see cref="BlobStorageException"/>.</summary>
internal static class BlobErrors
{
    // An error body is a small XML document; anything longer is not worth reading into a message.
    private const int MaxErrorBodyChars = 16 * 1024;

    public static async Task<BlobStorageException> FromResponseAsync(BlobRequest request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var errorCode = HttpHeaderReader.Get(response, "x-ms-error-code");
        string? serviceMessage = null;
        if (request.Method != HttpMethod.Head && IsXml(response.Content.Headers.ContentType))
        {
            var body = await TryReadBoundedAsync(response, cancellationToken).ConfigureAwait(false);
            (var bodyCode, serviceMessage) = ParseErrorBody(body);
            errorCode ??= bodyCode;
        }

        var requestId = HttpHeaderReader.Get(response, "x-ms-request-id");
        var message = new StringBuilder()
            .Append(request).Append(" failed: ").Append(status).Append(' ').Append(response.ReasonPhrase)
            .Append(errorCode is null ? string.Empty : $" ({errorCode})");
        if (!string.IsNullOrWhiteSpace(serviceMessage))
        {
            message.Append(". ").Append(FirstLine(serviceMessage));
        }

        if (requestId is not null)
        {
            message.Append(" [x-ms-request-id ").Append(requestId).Append(']');
        }

        return new BlobStorageException(status, errorCode, UrlRedactor.Redact(message.ToString()));
    }

    public static BlobStorageException FromTransportFailure(BlobRequest request, int attempts, Exception failure)
    {
        var reason = failure is OperationCanceledException ? "timed out" : "got no response";
        var message = $"{request} {reason} after {attempts} attempt(s): {UrlRedactor.Redact(failure.Message)}";
        return new BlobStorageException(0, null, message, failure);
    }

    internal static (string? Code, string? Message) ParseErrorBody(string body)
    {
        if (body.Length == 0)
        {
            return (null, null);
        }

        try
        {
            var root = XDocument.Parse(body).Root;
            return (root?.Element("Code")?.Value, root?.Element("Message")?.Value);
        }
        catch (XmlException)
        {
            return (null, null);
        }
    }

    private static bool IsXml(MediaTypeHeaderValue? contentType) =>
        contentType?.MediaType is { } mediaType && mediaType.EndsWith("xml", StringComparison.OrdinalIgnoreCase);

    private static async Task<string> TryReadBoundedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadBoundedAsync(response, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            // The status and error code header already classify the failure; a lost error body only costs detail.
            return string.Empty;
        }
    }

    private static async Task<string> ReadBoundedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var buffer = new char[MaxErrorBodyChars];
            var read = await reader.ReadBlockAsync(buffer, cancellationToken).ConfigureAwait(false);
            return new string(buffer, 0, read);
        }
    }

    private static string FirstLine(string text)
    {
        var newline = text.IndexOfAny(['\r', '\n']);
        return (newline < 0 ? text : text[..newline]).Trim();
    }
}
