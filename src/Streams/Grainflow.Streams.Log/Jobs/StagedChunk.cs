namespace Grainflow.Streams.Log.Jobs;

/// <summary>One staged append: a serialized <see cref="Storage.LogStreamPayload"/> of one stream and the partition it goes to.</summary>
internal readonly record struct StagedChunk(int Partition, byte[] Payload);
