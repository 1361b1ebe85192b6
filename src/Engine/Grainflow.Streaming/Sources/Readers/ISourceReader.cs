using Grainflow.Streaming.Api;

namespace Grainflow.Streaming.Sources.Readers;

/// <summary>Reads one partition of a replayable source for a source task. Not thread-safe.</summary>
internal interface ISourceReader<out T> : IDisposable
{
    /// <summary>The offset of the next record: what a checkpoint records and recovery seeks to.</summary>
    long Position { get; }

    /// <summary>Whether a bounded source has been read to its end.</summary>
    bool IsAtEnd { get; }

    /// <summary>
    /// Input before <see cref="Position"/> that could not be read as it was and was handled the documented way (e.g. invalid
    /// UTF-8 replaced), counted from the partition's start: a seek carries the count recorded with the offset.
    /// </summary>
    long InvalidInputCount { get; }

    /// <summary>
    /// Moves to <paramref name="offset"/>, recorded by an earlier checkpoint, and goes on counting invalid input from
    /// <paramref name="invalidInputCount"/>, the count recorded with it.
    /// </summary>
    ValueTask SeekAsync(long offset, long invalidInputCount, CancellationToken cancellationToken);

    /// <summary>
    /// Stops reading at <paramref name="offset"/>, a position an earlier checkpoint recorded: no record at or after it is
    /// read (a batch ends early there) until it is lifted with null. A replay past a damaged checkpoint stops at its offsets.
    /// </summary>
    void StopAt(long? offset);

    /// <summary>
    /// Reads a batch and pushes its records to <paramref name="output"/>; 0 when nothing is available now. Records are
    /// pushed on the caller's scheduler (the task's turn): an await before the pushes must not leave it.
    /// </summary>
    ValueTask<int> ReadAsync(ICollector<T> output, CancellationToken cancellationToken);
}
