namespace Grainflow.Streaming.Sources;

/// <summary>
/// A partitioned, replayable log: the input of a stream job. Each partition numbers its records with logical
/// offsets 0, 1, 2, ... (the record's index); a reader can be positioned at any retained offset and read forward,
/// which is how recovery rewinds a source to the offsets recorded in a checkpoint.
/// </summary>
/// <remarks>
/// <para>Members of the log itself are thread-safe. Each partition has at most one writer at a time (across
/// processes, for logs that live in files) and any number of readers, which may read while the writer
/// appends.</para>
/// <para>Invalid partition numbers throw <see cref="ArgumentOutOfRangeException"/>; offsets outside the retained
/// range throw <see cref="LogOffsetOutOfRangeException"/>; damaged stored data throws
/// <see cref="LogCorruptedException"/>.</para>
/// <para>Durability: readers and <see cref="GetBoundsAsync"/> see a partition only up to its durable end, the
/// offset after the last record its writer has made durable (<see cref="ILogWriter.FlushAsync"/>). A crash of the
/// process or the machine therefore never takes back a record a reader returned, nor an offset a checkpoint
/// recorded from it: after recovery the partition ends at or after every offset readers were allowed to reach.
/// Records appended but not yet durable may survive a crash or be lost; opening the next writer decides, before
/// any reader sees them.</para>
/// </remarks>
public interface IReplayableLog
{
    /// <summary>Gets the number of partitions, numbered from 0.</summary>
    int PartitionCount { get; }

    /// <summary>
    /// Gets the first retained offset of a partition and its durable end: the offset after its last record readers
    /// can see. Records appended but not yet durable are not counted.
    /// </summary>
    ValueTask<LogPartitionBounds> GetBoundsAsync(int partition, CancellationToken cancellationToken = default);

    /// <summary>
    /// Opens the single writer of a partition. Opening recovers the partition from an interrupted append (a
    /// file-based log truncates a torn tail here, and only here), makes the records that survived durable and
    /// visible, and continues after them.
    /// </summary>
    /// <exception cref="InvalidOperationException">A writer of this partition is open in this process.</exception>
    /// <exception cref="IOException">A writer of this partition is open in another process.</exception>
    /// <exception cref="LogCorruptedException">
    /// Records the log had made durable are gone (the stored data is damaged or was removed): continuing would give
    /// their offsets to other records.
    /// </exception>
    ValueTask<ILogWriter> OpenWriterAsync(int partition, CancellationToken cancellationToken = default);

    /// <summary>Opens a reader of a partition positioned at <paramref name="offset"/>.</summary>
    /// <param name="partition">The partition to read.</param>
    /// <param name="offset">
    /// The offset of the first record to read: a retained offset, or the partition's next offset to wait for new
    /// records.
    /// </param>
    /// <param name="cancellationToken">Cancels the positioning.</param>
    /// <exception cref="LogOffsetOutOfRangeException">
    /// <paramref name="offset"/> is before the first retained offset or after the durable end of the partition.
    /// </exception>
    ValueTask<ILogReader> OpenReaderAsync(int partition, long offset, CancellationToken cancellationToken = default);
}
