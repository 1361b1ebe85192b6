namespace Grainflow.Streaming.Sources;

/// <summary>
/// Appends records to one partition of an <see cref="IReplayableLog"/>. Not thread-safe: one caller at a time.
/// </summary>
/// <remarks>
/// Appended records become durable, and only then visible to readers (<see cref="ILogReader"/>,
/// <see cref="IReplayableLog.GetBoundsAsync"/>), no later than the return of <see cref="FlushAsync"/>. They may become
/// durable and visible earlier, when the writer syncs on its own (a segment log does when it rolls to a new segment),
/// but a record is never visible before it is durable: a job can only read, and a checkpoint only record, offsets
/// that survive a crash of the process or the machine. If an append or
/// flush fails, the writer is faulted and every later call throws <see cref="InvalidOperationException"/>; open a
/// new writer to recover the partition. Disposing flushes, unless the writer is faulted.
/// </remarks>
public interface ILogWriter : IAsyncDisposable
{
    /// <summary>Gets the partition this writer appends to.</summary>
    int Partition { get; }

    /// <summary>Gets the offset the next appended record will receive.</summary>
    long NextOffset { get; }

    /// <summary>Appends one record; the payload is copied before the call returns.</summary>
    /// <returns>The offset of the record.</returns>
    /// <exception cref="ArgumentException">The record is larger than the log accepts.</exception>
    ValueTask<long> AppendAsync(ReadOnlyMemory<byte> record, CancellationToken cancellationToken = default);

    /// <summary>Appends records in order, at consecutive offsets; payloads are copied before the call returns.</summary>
    /// <returns>The offset of the first record (<see cref="NextOffset"/> when <paramref name="records"/> is empty).</returns>
    /// <exception cref="ArgumentException">A record is larger than the log accepts.</exception>
    ValueTask<long> AppendAsync(IReadOnlyList<ReadOnlyMemory<byte>> records, CancellationToken cancellationToken = default);

    /// <summary>Makes every record appended so far durable, then visible to readers.</summary>
    ValueTask FlushAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes records before <paramref name="offset"/> (retention). Records at or after it are kept; some records
    /// before it may be kept too (a segment log deletes whole segments only). Readers already positioned before the
    /// new first offset may finish what they read.
    /// </summary>
    /// <param name="offset">The first offset that must be retained; at most <see cref="NextOffset"/>.</param>
    /// <param name="cancellationToken">Cancels the deletion.</param>
    /// <returns>The first retained offset after the deletion.</returns>
    ValueTask<long> DeleteBeforeAsync(long offset, CancellationToken cancellationToken = default);
}
