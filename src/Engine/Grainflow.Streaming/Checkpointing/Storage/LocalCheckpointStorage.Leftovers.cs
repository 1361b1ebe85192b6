namespace Grainflow.Streaming.Checkpointing.Storage;

/// <summary>The temporary files of interrupted writes, for retention and the start-up sweep.</summary>
public sealed partial class LocalCheckpointStorage : ICheckpointStorageLeftovers
{
    private const string TemporarySuffix = ".tmp";

    /// <inheritdoc/>
    public IAsyncEnumerable<string> ListLeftoversAsync(string prefix, CancellationToken cancellationToken = default) =>
        ListFilesAsync(prefix, "." + "*" + TemporarySuffix, IsLeftoverPath, cancellationToken);

    /// <inheritdoc/>
    public async ValueTask<bool> DeleteLeftoverAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!IsLeftoverPath(path))
        {
            throw new ArgumentException($"'{path}' is not a temporary file of an interrupted write.", nameof(path));
        }

        var slash = path.LastIndexOf('/');
        var directory = slash < 0 ? RootDirectory : Resolve(path[..slash]);
        var fullPath = Path.Combine(directory, path[(slash + 1)..]);
        using var exclusive = await LockAsync(cancellationToken).ConfigureAwait(false);
        if (!File.Exists(fullPath))
        {
            return false;
        }

        _fileSystem.Delete(fullPath);
        _fileSystem.SyncDirectory(PruneEmptyDirectories(directory));
        return true;
    }

    private static bool IsLeftoverPath(string relativePath)
    {
        var segments = relativePath.Split('/');
        var name = segments[^1];
        return name.Length > 1 + TemporarySuffix.Length
            && CheckpointStorageLayout.IsPrivateName(name)
            && name.EndsWith(TemporarySuffix, StringComparison.Ordinal)
            && segments[..^1].All(segment => segment.Length > 0 && !CheckpointStorageLayout.IsPrivateName(segment));
    }
}
