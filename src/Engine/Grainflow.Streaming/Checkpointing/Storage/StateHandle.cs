namespace Grainflow.Streaming.Checkpointing.Storage;

/// <summary>
/// Where a task's snapshot lives and how to recognise it intact.
/// </summary>
/// <param name="Path">The object's path relative to the storage root, as produced by
/// <see cref="CheckpointStorageLayout"/>.</param>
/// <param name="Length">The exact size in bytes.</param>
/// <param name="Checksum">The checksum of the content as <c>&lt;algorithm&gt;:&lt;lowercase hex&gt;</c>: <c>crc32c:…</c>
/// for files written now, <c>sha256:…</c> in checkpoints of earlier versions (see <see cref="StateChecksum"/>).</param>
[GenerateSerializer]
public sealed record StateHandle(string Path, long Length, string Checksum);
