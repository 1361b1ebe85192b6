using System.Globalization;
using System.Text.Json;
using Grainflow.Streaming.Checkpointing.Storage;

namespace Grainflow.Streaming.Checkpointing.Savepoints;

/// <summary>
/// Savepoints of one job: copies of completed checkpoints kept under a name, in the same storage, until
/// deleted (retention never touches them). A savepoint's state files are written first and its manifest last
/// (create-only), so a savepoint is listed only once complete, and a name is never overwritten.
/// </summary>
public sealed class SavepointStore(ICheckpointStorage storage, CheckpointStorageLayout layout)
{
    /// <summary>The savepoint format this build writes and reads.</summary>
    public const int FormatVersion = 1;

    private const string NameProperty = "savepoint.name";
    private const string FormatProperty = "savepoint.format";
    private const string CreatedProperty = "savepoint.created";

    /// <summary>Copies completed checkpoint <paramref name="checkpoint"/> into savepoint <paramref name="name"/>.</summary>
    /// <exception cref="SavepointExistsException">A savepoint of that name exists.</exception>
    /// <exception cref="ArgumentException">The name breaks the naming rules (letters, digits, '-', '_', '.').</exception>
    public async Task<SavepointInfo> CreateAsync(CheckpointManifest checkpoint, string name, DateTimeOffset createdAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        CheckpointStorageLayout.ValidateName(name, nameof(name), "savepoint name");
        var manifestPath = layout.SavepointManifestPath(name);
        if (await storage.TryOpenReadAsync(manifestPath, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            await existing.DisposeAsync().ConfigureAwait(false);
            throw Exists(name);
        }

        var states = new List<TaskStateRecord>();
        foreach (var state in checkpoint.TaskStates)
        {
            var copyPath = layout.SavepointStateFilePath(name, state.Task);
            await CopyAsync(state.Handle.Path, copyPath, cancellationToken).ConfigureAwait(false);
            states.Add(state with { Handle = state.Handle with { Path = copyPath } });
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
            await storage.CreateAsync(manifestPath, (stream, token) => stream.WriteAsync(bytes, token), cancellationToken).ConfigureAwait(false);
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
        var prefix = layout.SavepointsPrefix;
        await foreach (var path in storage.ListAsync(prefix, cancellationToken).ConfigureAwait(false))
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
            ?? throw new SavepointNotFoundException($"Job '{layout.JobId}' has no savepoint named '{name}'.");
        var buffer = new byte[81920];
        foreach (var state in manifest.TaskStates)
        {
            var raw = await storage.TryOpenReadAsync(state.Handle.Path, cancellationToken).ConfigureAwait(false)
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
        if (!await storage.DeleteAsync(layout.SavepointManifestPath(name), cancellationToken).ConfigureAwait(false))
        {
            throw new SavepointNotFoundException($"Job '{layout.JobId}' has no savepoint named '{name}'.");
        }

        await foreach (var path in storage.ListAsync(layout.SavepointDirectory(name), cancellationToken).ConfigureAwait(false))
        {
            await storage.DeleteAsync(path, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<CheckpointManifest?> TryReadManifestAsync(string name, CancellationToken cancellationToken)
    {
        var stream = await storage.TryOpenReadAsync(layout.SavepointManifestPath(name), cancellationToken).ConfigureAwait(false);
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

    private async Task CopyAsync(string from, string to, CancellationToken cancellationToken)
    {
        var source = await storage.TryOpenReadAsync(from, cancellationToken).ConfigureAwait(false)
            ?? throw new CheckpointIntegrityException($"The state file '{from}' to copy into a savepoint is missing.", from);
        await using (source.ConfigureAwait(false))
        {
            await storage.CreateAsync(to, (destination, token) => new ValueTask(source.CopyToAsync(destination, token)), cancellationToken).ConfigureAwait(false);
        }
    }

    private SavepointInfo Describe(CheckpointManifest manifest, string name) => new(
        name,
        manifest.CheckpointId,
        manifest.Properties.TryGetValue(CreatedProperty, out var created) ? DateTimeOffset.Parse(created, CultureInfo.InvariantCulture) : manifest.CompletedAt,
        manifest.Properties.TryGetValue(FormatProperty, out var format) ? int.Parse(format, CultureInfo.InvariantCulture) : FormatVersion,
        layout.SavepointDirectory(name));

    private SavepointExistsException Exists(string name) =>
        new($"Job '{layout.JobId}' already has a savepoint named '{name}'; savepoints are kept until deleted. Choose another name or delete it first.");
}
