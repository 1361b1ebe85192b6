namespace Grainflow.Streams.Log.Storage;

/// <summary>
/// A record's producer (null when it was appended without one), its sequence, where its payload starts, and whether
/// the producer's sequence numbers may skip (increasing, not consecutive).
/// </summary>
internal readonly record struct LogStreamRecordHeader(string? ProducerId, long Sequence, int PayloadStart, bool SequenceMaySkip);
