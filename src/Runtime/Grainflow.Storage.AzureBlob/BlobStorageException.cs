namespace Grainflow.Storage.AzureBlob;

/// <summary>
/// The one exception every Blob Storage operation of this client throws for a failed request: an error answer
/// from the service, or a transport failure that outlived the retry budget.
/// </summary>
/// <remarks>
/// A conditional write that lost a race is identified by <see cref="IsConflict"/> (409, e.g. <c>If-None-Match: *</c>
/// on an existing blob, a container or lease conflict) or <see cref="IsPreconditionFailed"/> (412, e.g. an
/// <c>If-Match</c> ETag mismatch). Neither is ever retried by the client. The message names the operation and the
/// (redacted) resource; it never contains an account key, SAS signature or bearer token.
/// </remarks>
public sealed class BlobStorageException : Exception
{
    public BlobStorageException()
    {
    }

    public BlobStorageException(string message)
        : base(message)
    {
    }

    public BlobStorageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception for a classified failure.</summary>
    /// <param name="status">The HTTP status, or 0 when no response was received.</param>
    /// <param name="errorCode">The service's <c>x-ms-error-code</c>, when it sent one.</param>
    /// <param name="message">What failed; must already be free of secrets.</param>
    /// <param name="innerException">The transport failure, if any.</param>
    public BlobStorageException(int status, string? errorCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Status = status;
        ErrorCode = errorCode;
    }

    /// <summary>The HTTP status code, or 0 when the request never got a response (connection failure, timeout).</summary>
    public int Status { get; }

    /// <summary>The storage error code (<c>x-ms-error-code</c>), e.g. <c>BlobAlreadyExists</c> or <c>ConditionNotMet</c>.</summary>
    public string? ErrorCode { get; }

    /// <summary>True for 409 Conflict: the resource already exists, or a lease is held or missing.</summary>
    public bool IsConflict => Status == 409;

    /// <summary>True for 412 Precondition Failed: an <c>If-Match</c>/<c>If-Unmodified-Since</c> condition or a lease id did not hold.</summary>
    public bool IsPreconditionFailed => Status == 412;

    /// <summary>True for 404 Not Found: the container or blob does not exist.</summary>
    public bool IsNotFound => Status == 404;
}
