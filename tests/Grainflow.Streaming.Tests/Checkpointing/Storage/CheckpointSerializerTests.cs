using System.Text;
using System.Text.Json;
using Grainflow.Streaming.Checkpointing.Storage;

namespace Grainflow.Streaming.Tests.Checkpointing.Storage;

public sealed class CheckpointSerializerTests
{
    private static readonly CheckpointManifest s_manifest = new(
        CheckpointManifest.CurrentFormatVersion,
        "orders-job",
        "fp-1",
        5,
        new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2025, 3, 1, 12, 0, 1, TimeSpan.Zero),
        [new SourceOffsetRecord("orders", 3, 42, InvalidInputCount: 7)],
        [new TaskStateRecord(new TaskStateKey("op-count", 0, 63), new StateHandle("orders-job/chk-5/op-count_kg-0-63", 10, "sha256:" + new string('a', 64)))],
        [new SinkCommitRecord("files", 5, ["part-5"])],
        new Dictionary<string, string> { ["engine"] = "1.0" });

    [Fact]
    public void SerializeManifest_Manifest_IsCompactCamelCaseJson()
    {
        var json = Encoding.UTF8.GetString(CheckpointSerializer.SerializeManifest(s_manifest));

        Assert.DoesNotContain('\n', json);
        Assert.DoesNotContain(": ", json, StringComparison.Ordinal);
        Assert.StartsWith("{\"formatVersion\":2,\"jobId\":\"orders-job\",\"topologyFingerprint\":\"fp-1\",\"checkpointId\":5,", json, StringComparison.Ordinal);
        Assert.Contains("\"task\":{\"operatorId\":\"op-count\",\"keyGroupStart\":0,\"keyGroupEnd\":63}", json, StringComparison.Ordinal);
    }

    [Fact]
    public void DeserializeManifest_SerializedManifest_RoundTrips()
    {
        var copy = CheckpointSerializer.DeserializeManifest(CheckpointSerializer.SerializeManifest(s_manifest));

        Assert.Equal(s_manifest.CheckpointId, copy.CheckpointId);
        Assert.Equal(s_manifest.CompletedAt, copy.CompletedAt);
        Assert.Equal(s_manifest.SourceOffsets, copy.SourceOffsets);
        Assert.Equal(s_manifest.TaskStates, copy.TaskStates);
        Assert.Equal(s_manifest.SinkCommits[0].PendingFiles, copy.SinkCommits[0].PendingFiles);
        Assert.Equal(s_manifest.Properties, copy.Properties);
    }

    [Fact]
    public void DeserializeManifest_SourceOffsetWithoutInvalidInputCount_RestoresTheCountAsZero()
    {
        // Manifests written before the count was carried with the offsets: they stay restorable.
        var json = Encoding.UTF8.GetString(CheckpointSerializer.SerializeManifest(s_manifest))
            .Replace(",\"invalidInputCount\":7", string.Empty, StringComparison.Ordinal);

        var copy = CheckpointSerializer.DeserializeManifest(Encoding.UTF8.GetBytes(json));

        Assert.DoesNotContain("invalidInputCount", json, StringComparison.Ordinal);
        Assert.Equal([new SourceOffsetRecord("orders", 3, 42, 0)], copy.SourceOffsets);
    }

    [Fact]
    public void DeserializeManifest_TruncatedJson_ThrowsJsonException()
    {
        var bytes = CheckpointSerializer.SerializeManifest(s_manifest);

        Assert.ThrowsAny<JsonException>(() => CheckpointSerializer.DeserializeManifest(bytes.AsSpan(0, bytes.Length - 1)));
    }

    [Theory]
    [InlineData("{\"formatVersion\":1,\"jobId\":\"j\"}")]
    [InlineData("{\"formatVersion\":1,\"jobId\":null,\"topologyFingerprint\":\"f\",\"checkpointId\":1,\"triggeredAt\":\"2025-01-01T00:00:00+00:00\",\"completedAt\":\"2025-01-01T00:00:00+00:00\",\"sourceOffsets\":[],\"taskStates\":[],\"sinkCommits\":[],\"properties\":{}}")]
    [InlineData("null")]
    public void DeserializeManifest_MissingOrNullField_ThrowsJsonException(string json)
    {
        Assert.ThrowsAny<JsonException>(() => CheckpointSerializer.DeserializeManifest(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void DeserializeManifest_InvalidTaskKey_ThrowsJsonException()
    {
        var json = Encoding.UTF8.GetString(CheckpointSerializer.SerializeManifest(s_manifest))
            .Replace("\"keyGroupEnd\":63", "\"keyGroupEnd\":-1", StringComparison.Ordinal);

        Assert.ThrowsAny<JsonException>(() => CheckpointSerializer.DeserializeManifest(Encoding.UTF8.GetBytes(json)));
    }
}
