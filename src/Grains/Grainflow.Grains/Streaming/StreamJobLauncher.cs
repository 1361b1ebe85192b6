using Grainflow.Streaming.Checkpointing.Savepoints;
using Grainflow.Streaming.Checkpointing.Storage;
using Grainflow.Streaming.Coordination;
using Grainflow.Streaming.Execution;
using Grainflow.Streaming.Graph;
using Grainflow.Streaming.Tasks;
using Microsoft.Extensions.Logging;

namespace Grainflow.Grains.Streaming;

/// <summary>
/// Starts a job in this silo: finds what to resume from (a savepoint when asked, else the job's latest valid
/// checkpoint), registers the job, then starts its grains downstream first (keyed tasks restore their key
/// groups and recover their sinks), then the coordinator, then the sources (which rewind and start reading).
/// </summary>
public sealed class StreamJobLauncher(IGrainFactory grainFactory, JobRegistry registry, ILoggerFactory loggerFactory)
{
    /// <summary>Recovers and starts <paramref name="graph"/> with checkpoints in <paramref name="storage"/>.</summary>
    /// <param name="graph">The job.</param>
    /// <param name="options">How it runs.</param>
    /// <param name="storage">Where its checkpoints (and savepoints) are kept.</param>
    /// <param name="savepoint">A savepoint to start from instead of the latest checkpoint, or null.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="IncompatibleCheckpointException">The storage holds checkpoints of another job or topology.</exception>
    /// <exception cref="SavepointMismatchException">The savepoint holds state no operator of the job claims, and that was not allowed.</exception>
    public async Task<RunningJob> StartAsync(
        JobGraph graph, JobOptions options, ICheckpointStorage storage, SavepointRestore? savepoint = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(options);
        var checkpoints = NewManager(storage, graph, options);
        var recovery = await checkpoints.LoadLatestValidAsync(cancellationToken).ConfigureAwait(false);
        var restore = savepoint is null
            ? recovery.Manifest is { } manifest ? new RestorePoint(manifest, checkpoints, $"checkpoint {manifest.CheckpointId}") : null
            : await LoadSavepointAsync(graph, options, savepoint, cancellationToken).ConfigureAwait(false);
        var job = new RunningJob(graph, options, storage, checkpoints, recovery, restore);
        registry.Register(job);

        await Task.WhenAll(graph.KeyedVertices.SelectMany(vertex => Enumerable.Range(0, vertex.Parallelism).Select(index =>
            grainFactory.GetGrain<IKeyedTaskGrain>($"{graph.JobId}/{vertex.Id}/{index}").StartAsync()))).ConfigureAwait(false);
        await grainFactory.GetGrain<ICheckpointCoordinatorGrain>(graph.JobId).StartAsync().ConfigureAwait(false);
        await Task.WhenAll(graph.Sources.SelectMany(source => Enumerable.Range(0, source.Parallelism).Select(partition =>
            grainFactory.GetGrain<ISourceTaskGrain>($"{graph.JobId}/{source.Id}/{partition}").StartAsync()))).ConfigureAwait(false);
        job.MarkRunning();
        return job;
    }

    private async Task<RestorePoint> LoadSavepointAsync(JobGraph graph, JobOptions options, SavepointRestore savepoint, CancellationToken cancellationToken)
    {
        var reader = NewManager(savepoint.Storage, graph, options);
        var manifest = await new SavepointStore(savepoint.Storage, reader.Layout).LoadAsync(savepoint.Name, cancellationToken).ConfigureAwait(false);
        var unmatched = SavepointMatching.FindUnmatched(graph, manifest);
        if (unmatched.Count > 0 && !savepoint.AllowNonRestoredState)
        {
            throw new SavepointMismatchException(
                $"Savepoint '{savepoint.Name}' holds state that no operator of job '{graph.JobId}' claims: {string.Join(", ", unmatched)}. " +
                "Operator state is matched by operator id; keep the ids, or pass --allow-non-restored-state to drop that state.");
        }

        return new RestorePoint(manifest, reader, $"savepoint {savepoint.Name}");
    }

    private CheckpointManager NewManager(ICheckpointStorage storage, JobGraph graph, JobOptions options) => new(
        storage,
        graph.JobId,
        graph.TopologyFingerprint,
        loggerFactory.CreateLogger<CheckpointManager>(),
        new CheckpointManagerOptions { RetainedCheckpoints = options.RetainedCheckpoints });
}
