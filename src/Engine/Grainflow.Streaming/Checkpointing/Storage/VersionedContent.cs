namespace Grainflow.Streaming.Checkpointing.Storage;

/// <summary>The content of a conditionally updated object and the version it was read at.</summary>
/// <param name="Content">The object's bytes.</param>
/// <param name="Version">The version to pass to
/// <see cref="ICheckpointStorage.WriteConditionalAsync"/> to replace exactly this content.</param>
public sealed record VersionedContent(ReadOnlyMemory<byte> Content, StorageVersion Version);
