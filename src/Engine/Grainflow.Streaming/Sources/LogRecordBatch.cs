using System.Diagnostics;

namespace Grainflow.Streaming.Sources;

/// <summary>
/// A reusable batch of records read from a log: a record table and one byte buffer the payloads are sliced from.
/// Create one per reading loop and pass it to every <see cref="ILogReader.ReadAsync"/> call; nothing is allocated
/// per record or per read. Not thread-safe.
/// </summary>
/// <remarks>
/// A batch holds at most <see cref="MaxRecords"/> records and <see cref="BufferCapacity"/> bytes of payload and
/// framing. A record larger than the whole buffer is still returned, alone, after the buffer grows to fit it.
/// </remarks>
public sealed class LogRecordBatch
{
    /// <summary>The record capacity of a batch created without arguments.</summary>
    public const int DefaultMaxRecords = 1024;

    /// <summary>The buffer size of a batch created without arguments.</summary>
    public const int DefaultBufferSize = 1024 * 1024;

    private readonly LogRecord[] _records;
    private byte[] _buffer;
    private int _count;
    private int _used;

    /// <summary>Initializes a batch.</summary>
    /// <param name="maxRecords">The most records one read returns.</param>
    /// <param name="bufferSize">The size in bytes of the buffer payloads are read into.</param>
    public LogRecordBatch(int maxRecords = DefaultMaxRecords, int bufferSize = DefaultBufferSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRecords);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bufferSize);
        _records = new LogRecord[maxRecords];
        _buffer = new byte[bufferSize];
    }

    /// <summary>Gets the number of records in the batch.</summary>
    public int Count => _count;

    /// <summary>Gets the most records the batch holds.</summary>
    public int MaxRecords => _records.Length;

    /// <summary>Gets the current size of the buffer.</summary>
    public int BufferCapacity => _buffer.Length;

    /// <summary>Gets whether the record table is full.</summary>
    public bool IsFull => _count == _records.Length;

    /// <summary>Gets the records, in offset order.</summary>
    public ReadOnlySpan<LogRecord> Records => _records.AsSpan(0, _count);

    /// <summary>Gets the first unused part of the buffer, for a reader that reads framed records into it directly.</summary>
    internal Memory<byte> FreeBuffer => _buffer.AsMemory(_used);

    /// <summary>Removes every record; the buffer is kept for the next read.</summary>
    public void Clear()
    {
        _count = 0;
        _used = 0;
    }

    /// <summary>Copies a record into the batch. Intended for log implementations.</summary>
    /// <returns>False when the record table or the buffer is full; an empty batch always accepts a record.</returns>
    public bool TryAdd(long offset, ReadOnlySpan<byte> payload)
    {
        if (IsFull)
        {
            return false;
        }

        if (payload.Length > _buffer.Length - _used)
        {
            if (_count > 0)
            {
                return false;
            }

            EnsureBufferCapacity(payload.Length);
        }

        payload.CopyTo(_buffer.AsSpan(_used));
        _records[_count++] = new LogRecord(offset, new ReadOnlyMemory<byte>(_buffer, _used, payload.Length));
        _used += payload.Length;
        return true;
    }

    /// <summary>
    /// Registers a record whose frame was read into <see cref="FreeBuffer"/>: skips <paramref name="headerLength"/>
    /// bytes of framing and takes the next <paramref name="payloadLength"/> bytes as the payload.
    /// </summary>
    internal void AddFromFreeBuffer(long offset, int headerLength, int payloadLength)
    {
        Debug.Assert(!IsFull, "The caller checks IsFull before adding.");
        Debug.Assert(headerLength + payloadLength <= _buffer.Length - _used, "The frame lies in the free buffer.");
        var start = _used + headerLength;
        _records[_count++] = new LogRecord(offset, new ReadOnlyMemory<byte>(_buffer, start, payloadLength));
        _used = start + payloadLength;
    }

    /// <summary>Grows the buffer of an empty batch so that a record of <paramref name="size"/> bytes fits.</summary>
    internal void EnsureBufferCapacity(int size)
    {
        Debug.Assert(_count == 0, "Only an empty batch grows; earlier records keep slices of the old buffer.");
        if (_buffer.Length < size)
        {
            _buffer = new byte[size];
            _used = 0;
        }
    }
}
