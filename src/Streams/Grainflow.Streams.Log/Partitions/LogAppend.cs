namespace Grainflow.Streams.Log.Partitions;

/// <summary>One append: an encoded <see cref="Storage.LogStreamRecord"/>, whose header names its producer and sequence.</summary>
[GenerateSerializer]
[Immutable]
internal sealed record LogAppend([property: Id(0)] byte[] Record);
