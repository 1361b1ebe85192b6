using System.Buffers.Binary;
using System.Text;

namespace Grainflow.Streams.Log.Storage;

/// <summary>
/// The layout of one log record: one append call (<c>OnNextAsync</c> or <c>OnNextBatchAsync</c>) of one stream.
/// A small fixed header carries the producer's id and sequence, so that a partition rebuilds its deduplication
/// table on open without deserializing any event; the <see cref="LogStreamPayload"/> follows.
/// </summary>
/// <remarks>
/// Version 1, little-endian: version (byte), flags (byte; 1 = has producer, 2 = its sequence numbers may skip), then
/// when it has a producer the producer id's UTF-8 length (uint16), its bytes and the sequence (int64); then the
/// payload. One append is one frame of the segment log, so it is durable whole or not at all: a crash never leaves
/// half of a batch behind.
/// </remarks>
internal static class LogStreamRecord
{
    /// <summary>The longest producer id, in UTF-8 bytes.</summary>
    public const int MaxProducerIdBytes = 1024;

    private const byte Version = 1;
    private const byte HasProducerFlag = 1;
    private const byte SequenceMaySkipFlag = 2;

    /// <summary>Builds a record from its producer (or none) and its serialized payload.</summary>
    /// <param name="producerId">The producer, or null for an append without one.</param>
    /// <param name="sequence">The producer's sequence number of this append.</param>
    /// <param name="payload">The serialized <see cref="LogStreamPayload"/>.</param>
    /// <param name="sequenceMaySkip">
    /// Whether the producer numbers its appends with increasing rather than consecutive numbers (a job's stream sink
    /// numbers them by checkpoint epoch): the partition then appends any sequence above the last, and still stores a
    /// retry of a stored one only once.
    /// </param>
    public static byte[] Encode(string? producerId, long sequence, ReadOnlySpan<byte> payload, bool sequenceMaySkip = false)
    {
        var idLength = producerId is null ? 0 : Encoding.UTF8.GetByteCount(producerId);
        if (idLength > MaxProducerIdBytes)
        {
            throw new ArgumentException($"The producer id is {idLength} bytes long in UTF-8; at most {MaxProducerIdBytes} are allowed.", nameof(producerId));
        }

        var headerLength = 2 + (producerId is null ? 0 : 2 + idLength + 8);
        var record = new byte[headerLength + payload.Length];
        record[0] = Version;
        if (producerId is not null)
        {
            record[1] = sequenceMaySkip ? (byte)(HasProducerFlag | SequenceMaySkipFlag) : HasProducerFlag;
            BinaryPrimitives.WriteUInt16LittleEndian(record.AsSpan(2), (ushort)idLength);
            Encoding.UTF8.GetBytes(producerId, record.AsSpan(4, idLength));
            BinaryPrimitives.WriteInt64LittleEndian(record.AsSpan(4 + idLength), sequence);
        }

        payload.CopyTo(record.AsSpan(headerLength));
        return record;
    }

    /// <summary>Reads a record's header.</summary>
    /// <exception cref="InvalidDataException">The record is not of this layout.</exception>
    public static LogStreamRecordHeader ReadHeader(ReadOnlySpan<byte> record)
    {
        if (record.Length < 2 || record[0] != Version)
        {
            throw new InvalidDataException(record.Length < 2
                ? "A log stream record is shorter than its header."
                : $"A log stream record has format version {record[0]}; this build reads version {Version}.");
        }

        if ((record[1] & HasProducerFlag) == 0)
        {
            return new LogStreamRecordHeader(null, 0, 2, SequenceMaySkip: false);
        }

        var idLength = record.Length >= 4 ? BinaryPrimitives.ReadUInt16LittleEndian(record[2..]) : -1;
        if (idLength < 0 || record.Length < 4 + idLength + 8)
        {
            throw new InvalidDataException("A log stream record's producer header is truncated.");
        }

        var producerId = Encoding.UTF8.GetString(record.Slice(4, idLength));
        var sequence = BinaryPrimitives.ReadInt64LittleEndian(record[(4 + idLength)..]);
        return new LogStreamRecordHeader(producerId, sequence, 4 + idLength + 8, (record[1] & SequenceMaySkipFlag) != 0);
    }
}
