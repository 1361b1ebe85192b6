namespace Grainflow.Streaming.AzureBlob.Logs;

/// <summary>
/// Thrown by a <see cref="BlobLog"/> writer whose partition was appended to, sealed or rolled by another writer since
/// it last appended: its append was refused and nothing of it was stored by this attempt. The writer is closed; open
/// a new one, which continues after the other writer's records.
/// </summary>
public sealed class BlobLogFencedException : IOException
{
    /// <summary>Initializes the exception.</summary>
    public BlobLogFencedException()
    {
    }

    /// <summary>Initializes the exception with a message.</summary>
    public BlobLogFencedException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes the exception with a message and the exception that caused it.</summary>
    public BlobLogFencedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
