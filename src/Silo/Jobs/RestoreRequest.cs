using Grainflow.Grains.Jobs;
using Grainflow.Silo.CommandLine;
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

    /// <summary>The savepoint to start from, in <paramref name="jobLocation"/> unless a directory was given.</summary>
    /// <exception cref="UsageException">A path was given that holds no savepoint.</exception>
    public SavepointSource? Resolve(CheckpointLocation jobLocation)
    {
        if (Savepoint is null)
        {
            return null;
        }

        var isPath = Savepoint.Contains('/', StringComparison.Ordinal) || Savepoint.Contains('\\', StringComparison.Ordinal) || Savepoint.StartsWith('.');
        if (!isPath)
        {
            return new SavepointSource(jobLocation, Savepoint, AllowNonRestoredState);
        }

        var directory = new DirectoryInfo(Path.GetFullPath(Savepoint));
        if (!File.Exists(Path.Combine(directory.FullName, CheckpointStorageLayout.ManifestFileName)))
        {
            throw new UsageException($"--from-savepoint: there is no savepoint in '{directory.FullName}' (no {CheckpointStorageLayout.ManifestFileName} file); " +
                "pass a savepoint directory <checkpoint-dir>/<job>/savepoints/<name>, or a savepoint's name.");
        }

        // <root>/<job>/savepoints/<name>: the storage root is three levels up.
        var root = directory.Parent?.Parent?.Parent
            ?? throw new UsageException($"--from-savepoint: '{Savepoint}' is not a savepoint directory of the form <root>/<job>/savepoints/<name>.");
        return new SavepointSource(CheckpointLocation.Directory(root.FullName), directory.Name, AllowNonRestoredState);
    }
}
