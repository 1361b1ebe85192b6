using Grainflow.Grains.Jobs;
using Grainflow.Streaming.Checkpointing.Durability;
using Grainflow.Streaming.Checkpointing.Storage;
using Grainflow.Streaming.Graph;

namespace Grainflow.Grains.Hosting;

/// <summary>
/// What a silo hosting Grainflow knows: the job definitions it can run and the checkpoint storage kinds it can
/// open. Register the same on every silo of a cluster, as grain classes are: any silo may host any task of a job.
/// </summary>
public sealed class GrainflowOptions
{
    private readonly Dictionary<string, Func<JobDefinitionContext, JobGraph>> _jobs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<IServiceProvider, CheckpointLocation, ICheckpointStorage>> _storages = new(StringComparer.Ordinal);

    /// <summary>Creates the options with the local checkpoint storage kind registered.</summary>
    public GrainflowOptions()
    {
        _storages[CheckpointLocation.LocalKind] = (_, location) => new LocalCheckpointStorage(location.Address, lockTimeout: null, FileSystem);
    }

    /// <summary>
    /// The grain storage provider that remembers the cluster's running jobs (definition, parameters, checkpoint
    /// location), so that they resume by themselves when the cluster restarts. The silo must register a storage
    /// provider under this name (memory for a one-silo cluster, Azure Table storage for a real one).
    /// </summary>
    public const string JobStorageName = "grainflow-jobs";

    /// <summary>
    /// The clock of processing time: checkpoint intervals and timeouts, and processing-time timers. Default the system
    /// clock; tests give a manual one. Orleans' own timers keep the real clock.
    /// </summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// The file operations of local checkpoint storage and file sinks: the real file system, or in tests a layer that
    /// records them (crash-state enumeration) or injects faults.
    /// </summary>
    internal FileSystemOperations FileSystem { get; set; } = FileSystemOperations.Real;

    /// <summary>Time between two checks of a keyed task's processing-time timers. Default 100 ms.</summary>
    public TimeSpan TimerResolution { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How often the job supervisor makes sure the cluster's running jobs run (it also looks at once when a silo joins
    /// or leaves). Default 1 s. Real time: it does not follow <see cref="TimeProvider"/>.
    /// </summary>
    public TimeSpan JobSupervisionInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The registered job definitions, by name.</summary>
    public IReadOnlyDictionary<string, Func<JobDefinitionContext, JobGraph>> Jobs => _jobs;

    /// <summary>The registered checkpoint storage kinds, by kind.</summary>
    public IReadOnlyDictionary<string, Func<IServiceProvider, CheckpointLocation, ICheckpointStorage>> CheckpointStorages => _storages;

    /// <summary>Registers a job definition: code that builds the job's graph from its parameters.</summary>
    /// <exception cref="ArgumentException">The name is taken.</exception>
    public GrainflowOptions AddJob(string name, Func<JobDefinitionContext, JobGraph> build)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(build);
        if (!_jobs.TryAdd(name, build))
        {
            throw new ArgumentException($"A job definition named '{name}' is already registered.", nameof(name));
        }

        return this;
    }

    /// <summary>Registers (or replaces) how checkpoint locations of kind <paramref name="kind"/> are opened.</summary>
    public GrainflowOptions AddCheckpointStorage(string kind, Func<IServiceProvider, CheckpointLocation, ICheckpointStorage> open)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentNullException.ThrowIfNull(open);
        _storages[kind] = open;
        return this;
    }
}
