using System.Diagnostics.CodeAnalysis;
using Azure;
using Azure.Core;

namespace Grainflow.Streaming.AzureBlob.Faults;

/// <summary>An error answer made up by <see cref="FlakyBlobPolicy"/>: a status, a reason and an <c>x-ms-error-code</c>, no body.</summary>
internal sealed class InjectedResponse(string clientRequestId, int status, string reasonPhrase, string errorCode) : Response
{
    private const string ErrorCodeHeader = "x-ms-error-code";

    public override int Status => status;

    public override string ReasonPhrase => reasonPhrase;

    // The transport classifies the responses it receives; this one never passes through it.
    public override bool IsError => true;

    public override Stream? ContentStream { get; set; } = new MemoryStream([], writable: false);

    public override string ClientRequestId { get; set; } = clientRequestId;

    public override void Dispose() => ContentStream?.Dispose();

    protected override bool ContainsHeader(string name) => IsErrorCode(name);

    protected override IEnumerable<HttpHeader> EnumerateHeaders() => [new HttpHeader(ErrorCodeHeader, errorCode)];

    protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value)
    {
        value = IsErrorCode(name) ? errorCode : null;
        return value is not null;
    }

    protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
    {
        values = IsErrorCode(name) ? [errorCode] : null;
        return values is not null;
    }

    private static bool IsErrorCode(string name) => string.Equals(name, ErrorCodeHeader, StringComparison.OrdinalIgnoreCase);
}
