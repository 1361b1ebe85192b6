namespace Grainflow.Streams.Log.Partitions;

/// <summary>
/// A producer's append skipped sequence numbers: the partition's last durable append of this producer had sequence
/// <c>n</c>, and this one is not <c>n + 1</c> (nor a repeat). Appends of one producer must be sent one after the
/// other, each awaited; this means an earlier append failed and was not retried. Retry the missing sequences in order.
/// </summary>
public sealed class ProducerSequenceException : Exception
{
    /// <summary>Initializes the exception.</summary>
    public ProducerSequenceException()
    {
    }

    /// <summary>Initializes the exception with a message.</summary>
    public ProducerSequenceException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes the exception with a message and its cause.</summary>
    public ProducerSequenceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
