using System.Text.Json;

namespace Grainflow.Streaming.Checkpointing.Storage;

/// <summary>Compact JSON for manifests and the latest pointer, through the source-generated context.</summary>
internal static class CheckpointSerializer
{
    public static byte[] SerializeManifest(CheckpointManifest manifest) =>
        JsonSerializer.SerializeToUtf8Bytes(manifest, CheckpointJsonContext.Default.CheckpointManifest);

    /// <exception cref="JsonException">The bytes are not a complete, well-formed manifest.</exception>
    public static CheckpointManifest DeserializeManifest(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            return JsonSerializer.Deserialize(utf8Json, CheckpointJsonContext.Default.CheckpointManifest)
                ?? throw new JsonException("The manifest is the JSON literal null.");
        }
        catch (ArgumentException ex)
        {
            // A record constructor refused a value (a bad operator id, an inverted key-group range).
            throw new JsonException(ex.Message, ex);
        }
    }

    public static byte[] SerializePointer(LatestCheckpointPointer pointer) =>
        JsonSerializer.SerializeToUtf8Bytes(pointer, CheckpointJsonContext.Default.LatestCheckpointPointer);

    /// <exception cref="JsonException">The bytes are not a well-formed pointer.</exception>
    public static LatestCheckpointPointer DeserializePointer(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize(utf8Json, CheckpointJsonContext.Default.LatestCheckpointPointer)
            ?? throw new JsonException("The latest pointer is the JSON literal null.");
}
