using Microsoft.Extensions.Logging;

namespace Grainflow.Streaming.Checkpointing.Storage;

/// <summary>
/// The checkpoint protocol's storage side for one job, over any <see cref="ICheckpointStorage"/>: tasks write
/// state files, the coordinator publishes manifests or aborts, and recovery loads the newest checkpoint that
/// verifies. Thread-safe; any number of tasks may write state concurrently.
/// </summary>
/// <remarks>
/// Exactly one coordinator per job publishes. Publishing is conditional on the latest pointer's version the
/// coordinator last saw (from <see cref="LoadLatestValidAsync(CheckpointRecoveryOptions, CancellationToken)"/> or the previous publish), so a stale second
/// coordinator gets <see cref="CheckpointConflictException"/> and publishes nothing.
/// </remarks>
public sealed partial class CheckpointManager
{
    private readonly ICheckpointStorage _storage;
    private readonly CheckpointPublisher _publisher;
    private readonly CheckpointRetention _retention;
    private readonly CheckpointRecovery _recovery;
    private readonly CheckpointAborter _aborter;
    private readonly CheckpointSweeper _sweeper;
    private readonly CheckpointCopyHolds _copyHolds = new();
    private readonly ILogger _logger;

    /// <summary>Creates the manager of job <paramref name="jobId"/> running topology <paramref name="topologyFingerprint"/>.</summary>
    /// <exception cref="ArgumentException">The job id breaks the naming rules of <see cref="CheckpointStorageLayout"/>,
    /// or the fingerprint is empty.</exception>
    public CheckpointManager(
        ICheckpointStorage storage,
        string jobId,
        string topologyFingerprint,
        ILogger<CheckpointManager> logger,
        CheckpointManagerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentException.ThrowIfNullOrEmpty(topologyFingerprint);
        ArgumentNullException.ThrowIfNull(logger);
        options ??= new CheckpointManagerOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.RetainedCheckpoints, 1, nameof(options));

        _storage = storage;
        Layout = new CheckpointStorageLayout(jobId);
        TopologyFingerprint = topologyFingerprint;
        _publisher = new CheckpointPublisher(storage, Layout, topologyFingerprint, logger);
        _retention = new CheckpointRetention(storage, Layout, options.RetainedCheckpoints, _copyHolds, logger);
        _recovery = new CheckpointRecovery(storage, Layout, topologyFingerprint, logger);
        _aborter = new CheckpointAborter(storage, Layout, logger);
        _sweeper = new CheckpointSweeper(storage, Layout, logger);
        _logger = logger;
    }

    /// <summary>The job's storage paths.</summary>
    public CheckpointStorageLayout Layout { get; }

    /// <summary>The topology this manager writes and accepts checkpoints of.</summary>
    public string TopologyFingerprint { get; }

    /// <summary>The storage this manager keeps the job's checkpoints in.</summary>
    internal ICheckpointStorage Storage => _storage;

    /// <summary>
    /// Keeps the completed checkpoint <paramref name="checkpointId"/> from retention until the result is disposed, so
    /// that it can be copied (into a savepoint) while newer checkpoints are published: retention skips it meanwhile,
    /// and the first retention after the hold ends deletes it if it is no longer retained. Holds nest; thread-safe.
    /// </summary>
    /// <exception cref="InvalidOperationException">Retention is deleting the checkpoint right now; copying it would
    /// fail half-way.</exception>
    public IDisposable HoldForCopy(long checkpointId) => _copyHolds.Hold(checkpointId, Layout.JobId);

    /// <summary>
    /// Streams one task's snapshot for checkpoint <paramref name="checkpointId"/> into its create-only state
    /// file. The file becomes visible only once complete.
    /// </summary>
    /// <param name="checkpointId">The checkpoint being taken.</param>
    /// <param name="task">The task whose state this is.</param>
    /// <param name="writeAsync">Writes the snapshot to the stream it is given; must not dispose it.</param>
    /// <param name="cancellationToken">Cancels the upload; nothing becomes visible.</param>
    /// <returns>The handle to record in the manifest: path, length and checksum (CRC-32C) of the bytes written.</returns>
    /// <exception cref="CheckpointConflictException">The task's state for this checkpoint was already written.</exception>
    public ValueTask<StateHandle> WriteStateAsync(
        long checkpointId,
        TaskStateKey task,
        Func<Stream, CancellationToken, ValueTask> writeAsync,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writeAsync);
        var path = Layout.StateFilePath(checkpointId, task);
        return StateFileWriter.WriteAsync(_storage, path, writeAsync, cancellationToken);
    }

    /// <summary>
    /// Writes the manifest (create-only), then moves the latest pointer to it if the pointer is still at
    /// <paramref name="expectedLatestVersion"/>; then applies retention. Only after this returns is the
    /// checkpoint complete and may sinks commit its epoch.
    /// </summary>
    /// <param name="manifest">The checkpoint's manifest; its job id and fingerprint must be this manager's, and
    /// every state handle must lie in the checkpoint's own directory.</param>
    /// <param name="expectedLatestVersion">The pointer version last seen, or <see langword="null"/> if the job
    /// has never published.</param>
    /// <param name="cancellationToken">Cancels the publish; if cancelled after the manifest was written, the
    /// checkpoint may or may not be published (read the pointer to know).</param>
    /// <exception cref="CheckpointConflictException">Another coordinator published since
    /// <paramref name="expectedLatestVersion"/>, or wrote this checkpoint's manifest. Nothing was published; the
    /// caller must stop coordinating.</exception>
    /// <exception cref="ArgumentException">The manifest is not this job's, or is malformed.</exception>
    public async ValueTask<CheckpointPublishResult> PublishAsync(
        CheckpointManifest manifest,
        StorageVersion? expectedLatestVersion,
        CancellationToken cancellationToken = default)
    {
        var version = await _publisher.PublishAsync(manifest, expectedLatestVersion, cancellationToken).ConfigureAwait(false);
        var deleted = await _retention.ApplyAsync(manifest.CheckpointId, cancellationToken).ConfigureAwait(false);
        return new CheckpointPublishResult(manifest.CheckpointId, version, deleted);
    }

    /// <summary>
    /// The checkpoint the latest pointer names now, and the pointer's version; null when there is none (or it cannot
    /// be parsed). For a coordinator whose publish failed without an answer: the pointer says whether it took effect.
    /// </summary>
    public async ValueTask<(long CheckpointId, StorageVersion Version)?> ReadLatestAsync(CancellationToken cancellationToken = default) =>
        await PublishedCheckpoints.ReadAsync(_storage, Layout, cancellationToken).ConfigureAwait(false) is { } latest
            ? (latest.LatestId, latest.Version)
            : null;

    /// <summary>
    /// Deletes every file of the in-progress checkpoint <paramref name="checkpointId"/>. Publishes nothing and
    /// leaves the latest checkpoint unchanged. Tasks still uploading for it may leave files behind; retention
    /// removes them after the next publish.
    /// </summary>
    /// <exception cref="InvalidOperationException">The checkpoint is complete (published or retained).</exception>
    public ValueTask AbortAsync(long checkpointId, CancellationToken cancellationToken = default) =>
        _aborter.AbortAsync(checkpointId, cancellationToken);

    /// <summary>
    /// Finds the checkpoint to recover from, with default <see cref="CheckpointRecoveryOptions"/>: falling back past
    /// a damaged checkpoint that may have committed output is refused.
    /// </summary>
    /// <exception cref="DamagedCheckpointException">The newest published checkpoint is damaged and its output may
    /// already be committed.</exception>
    /// <exception cref="IncompatibleCheckpointException">A checkpoint belongs to another job or topology, or
    /// was written in a newer format.</exception>
    public ValueTask<CheckpointRecoveryResult> LoadLatestValidAsync(CancellationToken cancellationToken = default) =>
        _recovery.LoadLatestValidAsync(new CheckpointRecoveryOptions(), cancellationToken);

    /// <summary>
    /// Finds the checkpoint to recover from: the published one if its manifest parses and every state file has its
    /// recorded length and checksum. If it is damaged, recovery falls back to the newest older published one that
    /// verifies (or to none) only where that repeats no output: when the damaged checkpoint's manifest is readable
    /// and records no sink output, or when <see cref="CheckpointRecoveryOptions.AllowFallbackWithDuplicates"/> is
    /// set; or, with <see cref="CheckpointRecoveryOptions.ReplayPastDamagedCheckpoint"/>, where a replay up to the damaged
    /// checkpoint's offsets recovers exactly (<see cref="CheckpointRecoveryResult.ReplayThrough"/>). Each skipped
    /// checkpoint is logged as a warning naming the damaged file. Manifests the latest pointer
    /// never published (a coordinator that died before moving it) are never restored.
    /// </summary>
    /// <exception cref="DamagedCheckpointException">A damaged checkpoint may have committed output and the fallback
    /// was not allowed; the message names the damaged file and the choices.</exception>
    /// <exception cref="IncompatibleCheckpointException">A checkpoint belongs to another job or topology, or
    /// was written in a newer format. Recovery does not fall back past it: the directory is the wrong one.</exception>
    public ValueTask<CheckpointRecoveryResult> LoadLatestValidAsync(
        CheckpointRecoveryOptions options, CancellationToken cancellationToken = default) =>
        _recovery.LoadLatestValidAsync(options, cancellationToken);

    /// <summary>
    /// Takes the job's writer lock on its checkpoint location, so that no second process runs the job there. Call
    /// it first when a job starts (before recovery) and hold the result until the job stops; disposing releases it.
    /// A storage without <see cref="ICheckpointLocationLock"/> returns a no-op lock and logs a warning.
    /// </summary>
    /// <exception cref="CheckpointLocationLockedException">Another process runs the job on this location.</exception>
    public async ValueTask<IAsyncDisposable> AcquireWriterLockAsync(CancellationToken cancellationToken = default)
    {
        if (_storage is ICheckpointLocationLock locking)
        {
            return await locking.AcquireJobLockAsync(Layout.JobId, cancellationToken).ConfigureAwait(false);
        }

        LogWriterLockUnsupported(_logger, Layout.JobId, _storage.GetType().Name);
        return NoLock.Instance;
    }

    /// <summary>
    /// Removes what earlier attempts left behind: checkpoint directories the pointer never published, temporary
    /// files of interrupted writes, savepoints whose copy never completed. Call it once at start, holding the writer
    /// lock, after <see cref="LoadLatestValidAsync(CheckpointRecoveryOptions, CancellationToken)"/> (whose
    /// <see cref="CheckpointRecoveryResult.HighestCheckpointId"/> still counts the swept ids) and before the first
    /// checkpoint is triggered.
    /// </summary>
    /// <returns>The number of objects deleted.</returns>
    public ValueTask<int> SweepOrphansAsync(CancellationToken cancellationToken = default) =>
        _sweeper.SweepAsync(cancellationToken);

    /// <summary>
    /// Opens a state file for reading. The stream verifies as it goes: the read that reaches the end (or passes
    /// the recorded length) throws <see cref="CheckpointIntegrityException"/> if the bytes do not match the
    /// handle, so callers must read to the end before applying the state. The caller disposes the stream.
    /// </summary>
    /// <exception cref="CheckpointIntegrityException">The state file is missing, or its checksum names an algorithm
    /// this build does not know.</exception>
    public async ValueTask<Stream> ReadStateAsync(StateHandle handle, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handle);
        if (!StateChecksum.IsSupported(handle.Checksum))
        {
            throw new CheckpointIntegrityException($"The state file '{handle.Path}' has a checksum this build cannot verify: '{handle.Checksum}'.", handle.Path);
        }

        var stream = await _storage.TryOpenReadAsync(handle.Path, cancellationToken).ConfigureAwait(false)
            ?? throw new CheckpointIntegrityException($"The state file '{handle.Path}' is missing.", handle.Path);
        return new VerifyingReadStream(stream, handle);
    }
}
