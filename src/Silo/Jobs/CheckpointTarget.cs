using Grainflow.Grains.Jobs;
using Grainflow.Streaming.Checkpointing.Storage;
using Microsoft.Extensions.Logging;

namespace Grainflow.Silo.Jobs;

/// <summary>
/// Where a job's checkpoints go, checked before the silo starts: a description safe to print (no account key, no
/// SAS signature), the location the job's grains open, and how this silo opens it.
/// </summary>
internal sealed class CheckpointTarget(string description, CheckpointLocation location, Func<ILoggerFactory, ICheckpointStorage> createStorage)
{
    /// <summary>Where the checkpoints are, for progress lines and messages; never contains a credential.</summary>
    public string Description { get; } = description;

    /// <summary>The location, as the job's spec carries it.</summary>
    public CheckpointLocation Location { get; } = location;

    public ICheckpointStorage CreateStorage(ILoggerFactory loggerFactory) => createStorage(loggerFactory);

    /// <summary>A local directory, checked to be writable (<see cref="CommandLine.UsageException"/> if not).</summary>
    public static CheckpointTarget ForDirectory(string path, string option)
    {
        var directory = RunPreconditions.WritableDirectory(path, option);
        return new CheckpointTarget(directory, CheckpointLocation.Directory(directory), _ => new LocalCheckpointStorage(directory));
    }
}
