using Microsoft.Extensions.Logging;

namespace Grainflow.Storage.AzureBlob;

/// <summary>Options shared by a <see cref="BlobServiceClient"/> and every container, blob and lease client made from it.</summary>
public sealed class BlobClientOptions
{
    /// <summary>The <c>x-ms-version</c> sent with every request and used as the SAS <c>sv</c>.</summary>
    public const string DefaultServiceVersion = "2025-05-05";

    /// <summary>The REST API version to speak. Default <see cref="DefaultServiceVersion"/>.</summary>
    public string ServiceVersion { get; set; } = DefaultServiceVersion;

    /// <summary>Retry policy for transient failures.</summary>
    public BlobRetryOptions Retry { get; } = new();

    /// <summary>
    /// The HTTP transport. Null uses a process-wide <see cref="SocketsHttpHandler"/>. Tests pass a fake handler.
    /// The client never disposes a handler it was given.
    /// </summary>
    public HttpMessageHandler? Transport { get; set; }

    /// <summary>Clock for backoff delays, per-attempt timeouts, <c>x-ms-date</c> and token expiry. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Where retries and failures are logged (URLs redacted). Null logs nothing.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }
}
