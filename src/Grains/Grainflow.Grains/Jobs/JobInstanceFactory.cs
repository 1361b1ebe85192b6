using Grainflow.Grains.Hosting;
using Grainflow.Streaming.Checkpointing.Storage;
using Grainflow.Streaming.Execution;
using Grainflow.Streaming.Graph;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grainflow.Grains.Jobs;

/// <summary>
/// Rebuilds a job on this silo from its <see cref="JobSpec"/>: its graph from the registered definition, its
/// checkpoint storage from the registered storage kinds. Every grain of a job calls it for itself, so no grain
/// ever holds another's objects.
/// </summary>
public sealed class JobInstanceFactory(IOptions<GrainflowOptions> options, IServiceProvider services, ILoggerFactory loggerFactory)
{
    /// <summary>The job graph of <paramref name="spec"/>.</summary>
    /// <exception cref="ArgumentException">No definition of that name is registered, or a parameter is wrong.</exception>
    public JobGraph BuildGraph(JobSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!options.Value.Jobs.TryGetValue(spec.Definition, out var build))
        {
            var known = options.Value.Jobs.Count == 0 ? "none" : string.Join(", ", options.Value.Jobs.Keys.Order(StringComparer.Ordinal));
            throw new ArgumentException($"No job definition named '{spec.Definition}' is registered on this silo (registered: {known}).", nameof(spec));
        }

        return build(new JobDefinitionContext(spec.JobId, spec.Parameters, services));
    }

    /// <summary>Opens a checkpoint location.</summary>
    /// <exception cref="ArgumentException">Its kind is not registered.</exception>
    public ICheckpointStorage OpenStorage(CheckpointLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        return options.Value.CheckpointStorages.TryGetValue(location.Kind, out var open)
            ? open(services, location)
            : throw new ArgumentException($"No checkpoint storage of kind '{location.Kind}' is registered on this silo.", nameof(location));
    }

    /// <summary>The checkpoint protocol of <paramref name="graph"/> over <paramref name="storage"/>.</summary>
    public CheckpointManager NewCheckpointManager(ICheckpointStorage storage, JobGraph graph, JobOptions jobOptions) => new(
        storage,
        graph.JobId,
        graph.TopologyFingerprint,
        loggerFactory.CreateLogger<CheckpointManager>(),
        new CheckpointManagerOptions { RetainedCheckpoints = jobOptions.RetainedCheckpoints });

    /// <summary>The job as a task sees it: graph, checkpoint protocol, and the restore point the coordinator chose.</summary>
    public JobInstance ForTask(TaskStart start)
    {
        ArgumentNullException.ThrowIfNull(start);
        var graph = BuildGraph(start.Spec);
        var checkpoints = NewCheckpointManager(OpenStorage(start.Spec.Checkpoints), graph, start.Spec.Options);
        RestorePoint? restore = null;
        if (start.Restore is { } from)
        {
            // The state files of a savepoint may live in another location than the job's own checkpoints.
            var reader = from.Location == start.Spec.Checkpoints ? checkpoints : NewCheckpointManager(OpenStorage(from.Location), graph, start.Spec.Options);
            restore = new RestorePoint(from.Manifest, reader, from.Description, from.ReplayThrough);
        }

        return new JobInstance(graph, start.Spec.Options, checkpoints, restore);
    }
}
