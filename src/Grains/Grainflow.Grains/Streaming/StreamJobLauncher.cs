using Grainflow.Streaming.Checkpointing.Storage;
using Grainflow.Streaming.Coordination;
using Grainflow.Streaming.Execution;
using Grainflow.Streaming.Graph;
using Grainflow.Streaming.Tasks;
using Microsoft.Extensions.Logging;

namespace Grainflow.Grains.Streaming;

/// <summary>
/// Starts a job in this silo: finds the checkpoint to resume from, registers the job, then starts its grains
/// downstream first (keyed tasks restore their key groups and recover their sinks), then the coordinator,
/// then the sources (which rewind to the recorded offsets and start reading).
/// </summary>
public sealed class StreamJobLauncher(IGrainFactory grainFactory, JobRegistry registry, ILoggerFactory loggerFactory)
{
    /// <summary>Recovers and starts <paramref name="graph"/> with checkpoints in <paramref name="storage"/>.</summary>
    /// <exception cref="IncompatibleCheckpointException">The storage holds checkpoints of another job or topology.</exception>
    public async Task<RunningJob> StartAsync(JobGraph graph, JobOptions options, ICheckpointStorage storage, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(options);
        var checkpoints = new CheckpointManager(
            storage,
            graph.JobId,
            graph.TopologyFingerprint,
            loggerFactory.CreateLogger<CheckpointManager>(),
            new CheckpointManagerOptions { RetainedCheckpoints = options.RetainedCheckpoints });
        var recovery = await checkpoints.LoadLatestValidAsync(cancellationToken).ConfigureAwait(false);
        var job = new RunningJob(graph, options, checkpoints, recovery);
        registry.Register(job);

        await Task.WhenAll(graph.KeyedVertices.SelectMany(vertex => Enumerable.Range(0, vertex.Parallelism).Select(index =>
            grainFactory.GetGrain<IKeyedTaskGrain>($"{graph.JobId}/{vertex.Id}/{index}").StartAsync()))).ConfigureAwait(false);
        await grainFactory.GetGrain<ICheckpointCoordinatorGrain>(graph.JobId).StartAsync().ConfigureAwait(false);
        await Task.WhenAll(graph.Sources.SelectMany(source => Enumerable.Range(0, source.Parallelism).Select(partition =>
            grainFactory.GetGrain<ISourceTaskGrain>($"{graph.JobId}/{source.Id}/{partition}").StartAsync()))).ConfigureAwait(false);
        return job;
    }
}
