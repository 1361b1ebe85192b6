using System.Text.Json.Serialization;

namespace Grainflow.Streaming.Checkpointing.Storage;

// Respecting nullable annotations and required constructor parameters makes a manifest with a missing or null
// field fail to parse, so recovery treats it as damaged instead of restoring from a half-empty description.
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = false,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(CheckpointManifest))]
[JsonSerializable(typeof(LatestCheckpointPointer))]
internal sealed partial class CheckpointJsonContext : JsonSerializerContext;
