using Grainflow.Grains.Jobs;

namespace Grainflow.Silo.Jobs;

/// <summary>
/// Where a job's checkpoints go, checked before the job starts: a description safe to print (no account key, no
/// SAS signature) and the location the job's grains open (each silo opens it by its kind, see <see cref="SiloCheckpointStorages"/>).
/// </summary>
internal sealed class CheckpointTarget(string description, CheckpointLocation location)
{
    /// <summary>Where the checkpoints are, for progress lines and messages; never contains a credential.</summary>
    public string Description { get; } = description;

    /// <summary>The location, as the job's spec carries it.</summary>
    public CheckpointLocation Location { get; } = location;

    /// <summary>A local directory, checked to be writable (<see cref="CommandLine.UsageException"/> if not).</summary>
    public static CheckpointTarget ForDirectory(string path, string option)
    {
        var directory = RunPreconditions.WritableDirectory(path, option);
        return new CheckpointTarget(directory, CheckpointLocation.Directory(directory));
    }
}
