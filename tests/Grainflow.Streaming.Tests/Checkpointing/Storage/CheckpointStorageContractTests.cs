using System.Text;
using Grainflow.Streaming.Checkpointing.Storage;

namespace Grainflow.Streaming.Tests.Checkpointing.Storage;

/// <summary>
/// The contract every <see cref="ICheckpointStorage"/> passes, both its own operations and the whole checkpoint
/// protocol of <see cref="CheckpointManager"/> on top of it. One subclass per implementation.
/// </summary>
public abstract partial class CheckpointStorageContractTests
{
    protected const string JobId = "job-1";
    protected const string Fingerprint = "topology-a";

    protected static readonly TaskStateKey CountLow = new("op-count", 0, 63);
    protected static readonly TaskStateKey CountHigh = new("op-count", 64, 127);

    private static readonly DateTimeOffset s_epoch = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private ICheckpointStorage? _storage;

    /// <summary>Returns a new client of the one store this test instance uses; every call sees the same objects.</summary>
    protected abstract ICheckpointStorage CreateStorage();

    protected ICheckpointStorage Storage => _storage ??= CreateStorage();

    internal CapturingLogger<CheckpointManager> Logger { get; } = new();

    protected CheckpointStorageLayout Layout { get; } = new(JobId);

    protected CheckpointManager CreateManager(
        string jobId = JobId,
        string fingerprint = Fingerprint,
        int retainedCheckpoints = 3,
        ICheckpointStorage? storage = null) =>
        new(storage ?? Storage, jobId, fingerprint, Logger, new CheckpointManagerOptions { RetainedCheckpoints = retainedCheckpoints });

    protected static byte[] StateBytes(long checkpointId, TaskStateKey task) =>
        Encoding.UTF8.GetBytes($"state of {task.OperatorId} [{task.KeyGroupStart}..{task.KeyGroupEnd}] at checkpoint {checkpointId}");

    /// <summary>Writes the state of both tasks for <paramref name="checkpointId"/> and returns its manifest, unpublished.</summary>
    protected static async Task<CheckpointManifest> TakeCheckpointAsync(
        CheckpointManager manager,
        long checkpointId,
        string coordinator = "a")
    {
        var states = new List<TaskStateRecord>();
        foreach (var task in new[] { CountLow, CountHigh })
        {
            var bytes = StateBytes(checkpointId, task);
            var handle = await manager.WriteStateAsync(checkpointId, task, (stream, token) => stream.WriteAsync(bytes, token));
            states.Add(new TaskStateRecord(task, handle));
        }

        return CreateManifest(manager.Layout.JobId, manager.TopologyFingerprint, checkpointId, states, coordinator);
    }

    protected static CheckpointManifest CreateManifest(
        string jobId,
        string fingerprint,
        long checkpointId,
        IReadOnlyList<TaskStateRecord> states,
        string coordinator = "a") =>
        new(
            CheckpointManifest.CurrentFormatVersion,
            jobId,
            fingerprint,
            checkpointId,
            s_epoch.AddMinutes(checkpointId),
            s_epoch.AddMinutes(checkpointId).AddSeconds(2),
            [new SourceOffsetRecord("src-orders", 0, checkpointId * 100), new SourceOffsetRecord("src-orders", 1, (checkpointId * 100) + 7)],
            states,
            [new SinkCommitRecord("sink-files", checkpointId, [$"part-{checkpointId}-0", $"part-{checkpointId}-1"])],
            new Dictionary<string, string> { ["coordinator"] = coordinator });

    /// <summary>Takes and publishes checkpoints <paramref name="ids"/> in order; returns the last pointer version.</summary>
    protected static async Task<StorageVersion?> PublishCheckpointsAsync(
        CheckpointManager manager,
        StorageVersion? expected,
        params long[] ids)
    {
        foreach (var id in ids)
        {
            var manifest = await TakeCheckpointAsync(manager, id);
            expected = (await manager.PublishAsync(manifest, expected)).LatestVersion;
        }

        return expected;
    }

    /// <summary>Replaces an object's content through the storage contract itself (delete, then create).</summary>
    protected async Task ReplaceAsync(string path, byte[] content)
    {
        Assert.True(await Storage.DeleteAsync(path));
        await Storage.CreateAsync(path, (stream, token) => stream.WriteAsync(content, token));
    }

    protected async Task<byte[]?> ReadAllAsync(string path)
    {
        var stream = await Storage.TryOpenReadAsync(path);
        if (stream is null)
        {
            return null;
        }

        await using (stream)
        {
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer);
            return buffer.ToArray();
        }
    }

    protected async Task<List<string>> ListAsync(string prefix)
    {
        var paths = new List<string>();
        await foreach (var path in Storage.ListAsync(prefix))
        {
            paths.Add(path);
        }

        paths.Sort(StringComparer.Ordinal);
        return paths;
    }

    protected async Task<long[]> CheckpointIdsPresentAsync()
    {
        var ids = new SortedSet<long>();
        foreach (var path in await ListAsync(Layout.CheckpointsPrefix))
        {
            Assert.True(Layout.TryParseCheckpointPath(path, out var id, out _));
            ids.Add(id);
        }

        return [.. ids];
    }
}
