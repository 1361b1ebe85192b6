namespace Grainflow.Streams.Log.Storage;

/// <summary>A record's producer (null when it was appended without one), its sequence, and where its payload starts.</summary>
internal readonly record struct LogStreamRecordHeader(string? ProducerId, long Sequence, int PayloadStart);
