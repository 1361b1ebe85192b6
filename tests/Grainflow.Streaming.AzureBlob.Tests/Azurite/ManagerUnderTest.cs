using Grainflow.Streaming.Checkpointing.Storage;

namespace Grainflow.Streaming.AzureBlob.Tests.Azurite;

/// <summary>A checkpoint manager and the storage under it, so tests can inspect objects directly.</summary>
internal sealed record ManagerUnderTest(CheckpointManager Manager, ICheckpointStorage StorageForTests)
{
    public CheckpointStorageLayout Layout => Manager.Layout;

    public ValueTask<CheckpointRecoveryResult> LoadLatestValidAsync() => Manager.LoadLatestValidAsync();

    public ValueTask<CheckpointPublishResult> PublishAsync(CheckpointManifest manifest, StorageVersion? expected) =>
        Manager.PublishAsync(manifest, expected);
}
