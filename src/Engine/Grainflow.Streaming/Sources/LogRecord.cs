namespace Grainflow.Streaming.Sources;

/// <summary>One record read from a log partition: its offset and a slice of the batch buffer holding its payload.</summary>
/// <remarks>The payload is only valid until the <see cref="LogRecordBatch"/> it came from is cleared or refilled.</remarks>
public readonly struct LogRecord
{
    /// <summary>Initializes a record.</summary>
    public LogRecord(long offset, ReadOnlyMemory<byte> payload)
    {
        Offset = offset;
        Payload = payload;
    }

    /// <summary>Gets the record's offset in its partition.</summary>
    public long Offset { get; }

    /// <summary>Gets the record's payload.</summary>
    public ReadOnlyMemory<byte> Payload { get; }
}
