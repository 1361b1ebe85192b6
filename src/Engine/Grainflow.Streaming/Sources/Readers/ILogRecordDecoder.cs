using Grainflow.Streaming.Api;

namespace Grainflow.Streaming.Sources.Readers;

/// <summary>
/// Turns one log record into the source's records: none, one or many. A log source reader calls it for every record
/// in offset order and never splits a record over two reads, so a barrier always falls between two records.
/// </summary>
/// <remarks>Called on the source task's turn only. An exception fails the task, and with it the job's attempt.</remarks>
internal interface ILogRecordDecoder<T>
{
    /// <summary>Emits the records <paramref name="record"/> of <paramref name="partition"/> holds into <paramref name="output"/>.</summary>
    /// <returns>
    /// How much of the record's input was handled the documented way rather than read as it was (invalid UTF-8 sequences
    /// read as U+FFFD, say); 0 for a record read as it was. The source reports the sum, carried in its checkpoints.
    /// </returns>
    int Decode(int partition, LogRecord record, ICollector<T> output);
}
