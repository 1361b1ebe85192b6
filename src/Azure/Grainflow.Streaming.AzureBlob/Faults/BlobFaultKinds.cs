namespace Grainflow.Streaming.AzureBlob.Faults;

/// <summary>The failures <see cref="FlakyBlobPolicy"/> can inject.</summary>
[Flags]
public enum BlobFaultKinds
{
    /// <summary>No fault.</summary>
    None = 0,

    /// <summary>503 Server Busy, without reaching the service.</summary>
    ServiceUnavailable = 1,

    /// <summary>500 Internal Error, without reaching the service.</summary>
    InternalError = 2,

    /// <summary>The connection drops before the request is sent.</summary>
    ConnectionDropped = 4,

    /// <summary>
    /// The request reaches the service and is applied, then the response is lost: the write committed but the client
    /// sees a dropped connection and retries.
    /// </summary>
    ResponseLost = 8,

    /// <summary>The three faults that leave the service untouched.</summary>
    BeforeService = ServiceUnavailable | InternalError | ConnectionDropped,

    /// <summary>Every fault.</summary>
    All = BeforeService | ResponseLost,
}
