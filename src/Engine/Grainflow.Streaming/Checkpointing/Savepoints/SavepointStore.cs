using System.Globalization;
using System.Text.Json;
using Grainflow.Streaming.Checkpointing.Storage;

namespace Grainflow.Streaming.Checkpointing.Savepoints;

/// <summary>
/// Savepoints of one job: copies of completed checkpoints kept under a name, in the same storage, until
/// deleted (retention never touches them). A savepoint's state files are written first and its manifest last
/// (create-only), so a savepoint is listed only once complete, and a name is never overwritten.
/// </summary>
public sealed class SavepointStore
{
    /// <summary>The savepoint format this build writes and reads.</summary>
    public const int FormatVersion = 1;

    private const string NameProperty = "savepoint.name";
    private const string FormatProperty = "savepoint.format";
    private const string CreatedProperty = "savepoint.created";

    private readonly ICheckpointStorage _storage;
    private readonly CheckpointStorageLayout _layout;
    private readonly CheckpointManager? _checkpoints;

    /// <summary>
    /// Savepoints of the job whose checkpoints <paramref name="checkpoints"/> manages: a copy holds its checkpoint, so
    /// that the manager's retention cannot delete it half-way (<see cref="CheckpointManager.HoldForCopy"/>).
    /// </summary>
    public SavepointStore(CheckpointManager checkpoints)
        : this((checkpoints ?? throw new ArgumentNullException(nameof(checkpoints))).Storage, checkpoints.Layout) =>
        _checkpoints = checkpoints;

    /// <summary>
    /// Savepoints of the job laid out by <paramref name="layout"/>, for listing, loading and deleting them. A savepoint
    /// created through this store is safe only where no retention of the job runs meanwhile; a running job's savepoints
    /// are created through <see cref="SavepointStore(CheckpointManager)"/>.
    /// </summary>
    public SavepointStore(ICheckpointStorage storage, CheckpointStorageLayout layout)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(layout);
        _storage = storage;
        _layout = layout;
    }

    /// <summary>
    /// Copies completed checkpoint <paramref name="checkpoint"/> into savepoint <paramref name="name"/>, verifying every
    /// state file as it is read. If the copy fails, what it wrote is deleted again, so the name can be used again.
    /// </summary>
    /// <exception cref="SavepointExistsException">A savepoint of that name exists.</exception>
    /// <exception cref="ArgumentException">The name breaks the naming rules (letters, digits, '-', '_', '.').</exception>
    /// <exception cref="CheckpointIntegrityException">A state file of the checkpoint is missing or damaged.</exception>
    /// <exception cref="InvalidOperationException">Retention is deleting the checkpoint.</exception>
    public async Task<SavepointInfo> CreateAsync(CheckpointManifest checkpoint, string name, DateTimeOffset createdAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        CheckpointStorageLayout.ValidateName(name, nameof(name), "savepoint name");
        using var hold = _checkpoints?.HoldForCopy(checkpoint.CheckpointId);
        var manifestPath = _layout.SavepointManifestPath(name);
        if (await _storage.TryOpenReadAsync(manifestPath, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            await existing.DisposeAsync().ConfigureAwait(false);
            throw Exists(name);
        }

        var states = new List<TaskStateRecord>();
        try
        {
            foreach (var state in checkpoint.TaskStates)
            {
                var copyPath = _layout.SavepointStateFilePath(name, state.Task);
                await CopyAsync(state.Handle, copyPath, cancellationToken).ConfigureAwait(false);
                states.Add(state with { Handle = state.Handle with { Path = copyPath } });
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            await DeleteCopiesAsync(states, cancellationToken).ConfigureAwait(false);
            throw;
        }

        var properties = new Dictionary<string, string>(checkpoint.Properties)
        {
            [NameProperty] = name,
            [FormatProperty] = FormatVersion.ToString(CultureInfo.InvariantCulture),
            [CreatedProperty] = createdAt.ToString("O", CultureInfo.InvariantCulture),
        };
        var manifest = checkpoint with { TaskStates = states, Properties = properties };
        var bytes = CheckpointSerializer.SerializeManifest(manifest);
        try
        {
            await _storage.CreateAsync(manifestPath, (stream, token) => stream.WriteAsync(bytes, token), cancellationToken).ConfigureAwait(false);
        }
        catch (CheckpointConflictException exception)
        {
            throw new SavepointExistsException(Exists(name).Message, exception);
        }

        return Describe(manifest, name);
    }

    /// <summary>Every complete savepoint of the job, by name.</summary>
    public async Task<IReadOnlyList<SavepointInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        var savepoints = new List<SavepointInfo>();
        var prefix = _layout.SavepointsPrefix;
        await foreach (var path in _storage.ListAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            if (!path.EndsWith("/" + CheckpointStorageLayout.ManifestFileName, StringComparison.Ordinal))
            {
                continue;
            }

            var name = path[prefix.Length..^(CheckpointStorageLayout.ManifestFileName.Length + 1)];
            if (await TryReadManifestAsync(name, cancellationToken).ConfigureAwait(false) is { } manifest)
            {
                savepoints.Add(Describe(manifest, name));
            }
        }

        return [.. savepoints.OrderBy(s => s.Name, StringComparer.Ordinal)];
    }

    /// <summary>Loads savepoint <paramref name="name"/>, verifying every state file's length and checksum.</summary>
    /// <exception cref="SavepointNotFoundException">No complete savepoint of that name exists.</exception>
    /// <exception cref="CheckpointIntegrityException">A state file of the savepoint is damaged.</exception>
    public async Task<CheckpointManifest> LoadAsync(string name, CancellationToken cancellationToken = default)
    {
        CheckpointStorageLayout.ValidateName(name, nameof(name), "savepoint name");
        var manifest = await TryReadManifestAsync(name, cancellationToken).ConfigureAwait(false)
            ?? throw new SavepointNotFoundException($"Job '{_layout.JobId}' has no savepoint named '{name}'.");
        var buffer = new byte[81920];
        foreach (var state in manifest.TaskStates)
        {
            var raw = await _storage.TryOpenReadAsync(state.Handle.Path, cancellationToken).ConfigureAwait(false)
                ?? throw new CheckpointIntegrityException($"The state file '{state.Handle.Path}' of savepoint '{name}' is missing.", state.Handle.Path);
            await using var verifying = new VerifyingReadStream(raw, state.Handle);
            while (await verifying.ReadAsync(buffer, cancellationToken).ConfigureAwait(false) > 0)
            {
            }
        }

        return manifest;
    }

    /// <summary>Deletes savepoint <paramref name="name"/>: its manifest first, so that it is never listed half deleted.</summary>
    /// <exception cref="SavepointNotFoundException">No savepoint of that name exists.</exception>
    public async Task DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        CheckpointStorageLayout.ValidateName(name, nameof(name), "savepoint name");
        if (!await _storage.DeleteAsync(_layout.SavepointManifestPath(name), cancellationToken).ConfigureAwait(false))
        {
            throw new SavepointNotFoundException($"Job '{_layout.JobId}' has no savepoint named '{name}'.");
        }

        await foreach (var path in _storage.ListAsync(_layout.SavepointDirectory(name), cancellationToken).ConfigureAwait(false))
        {
            await _storage.DeleteAsync(path, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<CheckpointManifest?> TryReadManifestAsync(string name, CancellationToken cancellationToken)
    {
        var stream = await _storage.TryOpenReadAsync(_layout.SavepointManifestPath(name), cancellationToken).ConfigureAwait(false);
        if (stream is null)
        {
            return null;
        }

        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            try
            {
                return CheckpointSerializer.DeserializeManifest(buffer.ToArray());
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }

    private async Task CopyAsync(StateHandle from, string to, CancellationToken cancellationToken)
    {
        var raw = await _storage.TryOpenReadAsync(from.Path, cancellationToken).ConfigureAwait(false)
            ?? throw new CheckpointIntegrityException($"The state file '{from.Path}' to copy into a savepoint is missing.", from.Path);
        var source = new VerifyingReadStream(raw, from);
        await using (source.ConfigureAwait(false))
        {
            await _storage.CreateAsync(to, (destination, token) => new ValueTask(source.CopyToAsync(destination, token)), cancellationToken).ConfigureAwait(false);
        }
    }

    // Best effort: a copy that is left behind has no manifest, so it is never listed, and the next start sweeps it.
    private async Task DeleteCopiesAsync(List<TaskStateRecord> copies, CancellationToken cancellationToken)
    {
        foreach (var copy in copies)
        {
            try
            {
                await _storage.DeleteAsync(copy.Handle.Path, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The copy's own failure is what the caller needs to hear about; this one would hide it.
            }
        }
    }

    private SavepointInfo Describe(CheckpointManifest manifest, string name) => new(
        name,
        manifest.CheckpointId,
        manifest.Properties.TryGetValue(CreatedProperty, out var created) ? DateTimeOffset.Parse(created, CultureInfo.InvariantCulture) : manifest.CompletedAt,
        manifest.Properties.TryGetValue(FormatProperty, out var format) ? int.Parse(format, CultureInfo.InvariantCulture) : FormatVersion,
        _layout.SavepointDirectory(name));

    private SavepointExistsException Exists(string name) =>
        new($"Job '{_layout.JobId}' already has a savepoint named '{name}'; savepoints are kept until deleted. Choose another name or delete it first.");
}
