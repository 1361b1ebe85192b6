using System.Net.Http.Headers;

namespace Grainflow.Storage.AzureBlob.Internal;

/// <summary>
/// A request description that can be turned into a fresh <see cref="HttpRequestMessage"/> per attempt, so a retry
/// resends the same buffered body (an <see cref="HttpRequestMessage"/> cannot be sent twice).
/// </summary>
internal sealed class BlobRequest
{
    public BlobRequest(string operation, HttpMethod method, Uri uri)
    {
        Operation = operation;
        Method = method;
        Uri = uri;
    }

    /// <summary>The REST operation name used in messages and logs, e.g. <c>PutBlob</c>.</summary>
    public string Operation { get; }

    public HttpMethod Method { get; }

    /// <summary>The resource address without any credential; SAS is appended per attempt by the authenticator.</summary>
    public Uri Uri { get; }

    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public ReadOnlyMemory<byte>? Body { get; init; }

    public string? BodyContentType { get; init; }

    /// <summary>True to hand the body to the caller unread (downloads); false buffers it inside the retry loop.</summary>
    public bool StreamResponse { get; init; }

    /// <summary>Operation, method and redacted address; what logs and messages print.</summary>
    public override string ToString() => $"{Operation} {Method.Method} {UrlRedactor.Redact(Uri)}";

    public HttpRequestMessage CreateMessage()
    {
        var message = new HttpRequestMessage(Method, Uri);
        foreach (var (name, value) in Headers)
        {
            var added = message.Headers.TryAddWithoutValidation(name, value);
            System.Diagnostics.Debug.Assert(added, $"{name} is not a request header");
        }

        if (Body is { } body)
        {
            message.Content = new ReadOnlyMemoryContent(body);
            message.Content.Headers.ContentLength = body.Length;
            if (BodyContentType is not null)
            {
                message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(BodyContentType);
            }
        }

        return message;
    }
}
