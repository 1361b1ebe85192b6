namespace Grainflow.Streaming.Sources;

/// <summary>
/// Reads one partition of an <see cref="IReplayableLog"/> forward from a position. Not thread-safe: one caller at
/// a time. Readers never modify the log, so they may run in another process than the writer.
/// </summary>
public interface ILogReader : IDisposable
{
    /// <summary>Gets the partition this reader reads.</summary>
    int Partition { get; }

    /// <summary>Gets the offset of the next record <see cref="ReadAsync"/> returns.</summary>
    long Position { get; }

    /// <summary>
    /// Replaces the contents of <paramref name="batch"/> with the next records, as many as fit, and advances
    /// <see cref="Position"/> past them. The payloads are slices of the batch's buffer, valid until the batch is
    /// read into or cleared again.
    /// </summary>
    /// <returns>
    /// The number of records read; 0 when no more records are available yet (the durable end of the partition).
    /// Only durable records are returned (see <see cref="ILogWriter"/>): one appended but not yet flushed is not,
    /// even when its bytes are already stored. Polling again later returns the records made durable since.
    /// </returns>
    /// <exception cref="LogCorruptedException">Stored data before the end of the partition is damaged.</exception>
    ValueTask<int> ReadAsync(LogRecordBatch batch, CancellationToken cancellationToken = default);

    /// <summary>Moves the reader to <paramref name="offset"/>, backward (replay) or forward.</summary>
    /// <exception cref="LogOffsetOutOfRangeException">
    /// <paramref name="offset"/> is before the first retained offset or after the durable end of the partition.
    /// </exception>
    ValueTask SeekAsync(long offset, CancellationToken cancellationToken = default);
}
