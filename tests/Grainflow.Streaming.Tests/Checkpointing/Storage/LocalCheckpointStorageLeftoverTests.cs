using System.Text;
using Grainflow.Streaming.Checkpointing.Storage;

namespace Grainflow.Streaming.Tests.Checkpointing.Storage;

/// <summary>Space of interrupted writes and earlier attempts is reclaimed; one process per job's location.</summary>
public sealed class LocalCheckpointStorageLeftoverTests : IDisposable
{
    private static readonly TaskStateKey s_task = new("op-count", 0, 127);

    private readonly string _root = Path.Combine(Path.GetTempPath(), "grainflow-tests", Guid.NewGuid().ToString("N"));
    private readonly CapturingLogger<CheckpointManager> _logger = new();

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task PublishAsync_InterruptedWritesLeftTemporaryFiles_RetentionReclaimsTheirDirectories()
    {
        var manager = CreateManager(retainedCheckpoints: 1);
        var version = await PublishAsync(manager, null, 1);
        WriteFile("job-1/chk-1/.op-count_kg-0-127.0123.tmp"); // a savepoint-time rewrite killed half-way
        WriteFile("job-1/chk-2/.op-count_kg-0-127.4567.tmp"); // checkpoint 2's only upload, killed

        await PublishAsync(manager, version, 3);

        Assert.Equal(["job-1/_latest", "job-1/chk-3/_metadata", "job-1/chk-3/op-count_kg-0-127"], FilesOnDisk());
    }

    [Fact]
    public async Task SweepOrphansAsync_LeftoversOfEarlierAttempts_KeepsOnlyPublishedCheckpointsAndCompleteSavepoints()
    {
        var manager = CreateManager();
        var version = await PublishAsync(manager, null, 1);
        await PublishAsync(manager, version, 3);
        // A stale coordinator's checkpoint 2, never published.
        WriteFile("job-1/chk-2/_metadata", CheckpointSerializer.SerializeManifest(await TakeCheckpointAsync(manager, 2)));
        await TakeCheckpointAsync(manager, 4); // in flight when the attempt died
        WriteFile("job-1/chk-3/.op-count_kg-0-127.0123.tmp");
        WriteFile("job-1/._latest.89ab.tmp");
        WriteFile("job-1/savepoints/half/op-count_kg-0-127");
        WriteFile("job-1/savepoints/half/._metadata.cdef.tmp");
        WriteFile("job-1/savepoints/whole/op-count_kg-0-127");
        WriteFile("job-1/savepoints/whole/_metadata");

        var deleted = await manager.SweepOrphansAsync();

        Assert.Equal(

            [
                "job-1/_latest", "job-1/chk-1/_metadata", "job-1/chk-1/op-count_kg-0-127", "job-1/chk-3/_metadata",
                "job-1/chk-3/op-count_kg-0-127", "job-1/savepoints/whole/_metadata", "job-1/savepoints/whole/op-count_kg-0-127",
            ],
            FilesOnDisk());
        Assert.Equal(7, deleted);
        Assert.Equal(3, (await manager.LoadLatestValidAsync()).Manifest!.CheckpointId);
    }

    [Fact]
    public async Task AcquireWriterLockAsync_AnotherHolder_ThrowsCheckpointLocationLockedNamingJobAndHolder()
    {
        await using var held = await CreateManager().AcquireWriterLockAsync();

        var error = await Assert.ThrowsAsync<CheckpointLocationLockedException>(
            async () => await new CheckpointManager(new LocalCheckpointStorage(_root), "job-1", "topology-a", _logger).AcquireWriterLockAsync());

        Assert.Equal("job-1", error.JobId);
        Assert.StartsWith(
            $"Another process runs job 'job-1' on the checkpoint location '{_root}' (process {Environment.ProcessId} on {Environment.MachineName} since ",
            error.Message,
            StringComparison.Ordinal);
        Assert.EndsWith("). Stop it first, or give this job another checkpoint location.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AcquireWriterLockAsync_HolderReleasedOrOtherJob_Succeeds()
    {
        await using (await CreateManager().AcquireWriterLockAsync())
        {
            await using var otherJob = await new CheckpointManager(new LocalCheckpointStorage(_root), "job-2", "topology-a", _logger).AcquireWriterLockAsync();
        }

        await using var again = await CreateManager().AcquireWriterLockAsync();
    }

    [Fact]
    public async Task AcquireWriterLockAsync_StaleLockFilesOfDeadProcess_TakesThemOver()
    {
        WriteFile("job-1/.writer.lock");
        WriteFile("job-1/.writer.owner", Encoding.UTF8.GetBytes("process 2147483646 on a-dead-host since 2025-01-01T00:00:00.0000000+00:00"));

        await using var held = await CreateManager().AcquireWriterLockAsync();

        Assert.StartsWith(
            $"process {Environment.ProcessId} on {Environment.MachineName} since ",
            await File.ReadAllTextAsync(Path.Combine(_root, "job-1", ".writer.owner")),
            StringComparison.Ordinal);
    }

    private CheckpointManager CreateManager(int retainedCheckpoints = 3) =>
        new(new LocalCheckpointStorage(_root), "job-1", "topology-a", _logger, new CheckpointManagerOptions { RetainedCheckpoints = retainedCheckpoints });

    private static async Task<StorageVersion> PublishAsync(CheckpointManager manager, StorageVersion? version, long id) =>
        (await manager.PublishAsync(await TakeCheckpointAsync(manager, id), version)).LatestVersion;

    private static async Task<CheckpointManifest> TakeCheckpointAsync(CheckpointManager manager, long id)
    {
        var handle = await manager.WriteStateAsync(id, s_task, (stream, token) => stream.WriteAsync(new byte[] { (byte)id }, token));
        return new CheckpointManifest(
            CheckpointManifest.CurrentFormatVersion, "job-1", "topology-a", id, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch,
            [], [new TaskStateRecord(s_task, handle)], [], new Dictionary<string, string>());
    }

    private void WriteFile(string relativePath, byte[]? content = null)
    {
        var path = Path.Combine(_root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content ?? [1, 2, 3]);
    }

    private string[] FilesOnDisk() =>
        [.. Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(_root, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(path => path != ".lock")
            .Order(StringComparer.Ordinal)];
}
