using Grainflow.Grains.Streaming;
using Grainflow.Streaming.Checkpointing.Storage;

namespace Grainflow.Silo.Jobs;

/// <summary>What a job run starts from: the latest checkpoint (the default), or a savepoint.</summary>
/// <param name="Savepoint">
/// A savepoint's name in the job's checkpoint location, or the path of a local savepoint directory
/// (<c>&lt;root&gt;/&lt;job&gt;/savepoints/&lt;name&gt;</c>, e.g. from another checkpoint directory); null for the latest checkpoint.
/// </param>
/// <param name="AllowNonRestoredState">Start even when the savepoint holds state that no operator claims.</param>
internal sealed record RestoreRequest(string? Savepoint, bool AllowNonRestoredState)
{
    public static readonly RestoreRequest Latest = new(null, false);

    /// <summary>The savepoint to start from, read from <paramref name="jobStorage"/> unless a directory was given.</summary>
    public SavepointRestore? Resolve(ICheckpointStorage jobStorage)
    {
        if (Savepoint is null)
        {
            return null;
        }

        if (!File.Exists(Path.Combine(Savepoint, CheckpointStorageLayout.ManifestFileName)))
        {
            return new SavepointRestore(jobStorage, Savepoint, AllowNonRestoredState);
        }

        // <root>/<job>/savepoints/<name>: the storage root is three levels up.
        var directory = new DirectoryInfo(Path.GetFullPath(Savepoint));
        var root = directory.Parent?.Parent?.Parent
            ?? throw new ArgumentException($"'{Savepoint}' is not a savepoint directory of the form <root>/<job>/savepoints/<name>.");
        return new SavepointRestore(new LocalCheckpointStorage(root.FullName), directory.Name, AllowNonRestoredState);
    }
}
