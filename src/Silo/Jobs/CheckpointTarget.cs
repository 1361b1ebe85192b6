using Grainflow.Streaming.Checkpointing.Storage;
using Microsoft.Extensions.Logging;

namespace Grainflow.Silo.Jobs;

/// <summary>
/// Where a job's checkpoints go, checked before the silo starts: a description safe to print (no account key, no
/// SAS signature) and a factory for the storage, called once the host's logging exists.
/// </summary>
internal sealed class CheckpointTarget(string description, Func<ILoggerFactory, ICheckpointStorage> createStorage)
{
    /// <summary>Where the checkpoints are, for progress lines and messages; never contains a credential.</summary>
    public string Description { get; } = description;

    public ICheckpointStorage CreateStorage(ILoggerFactory loggerFactory) => createStorage(loggerFactory);

    /// <summary>A local directory, checked to be writable (<see cref="CommandLine.UsageException"/> if not).</summary>
    public static CheckpointTarget ForDirectory(string path, string option)
    {
        var directory = RunPreconditions.WritableDirectory(path, option);
        return new CheckpointTarget(directory, _ => new LocalCheckpointStorage(directory));
    }
}
