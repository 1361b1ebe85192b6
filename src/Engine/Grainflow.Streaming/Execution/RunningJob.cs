using Grainflow.Streaming.Checkpointing.Storage;
using Grainflow.Streaming.Coordination;
using Grainflow.Streaming.Graph;

namespace Grainflow.Streaming.Execution;

/// <summary>
/// A job as the silo runs it: its graph, options, checkpoint storage and what recovery found. Registered in
/// the <see cref="JobRegistry"/> before its grains start; the grains look it up by job id.
/// </summary>
public sealed class RunningJob
{
    private readonly TaskCompletionSource<JobOutcome> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _running;

    /// <summary>Describes a job about to start.</summary>
    /// <param name="graph">The job.</param>
    /// <param name="options">How it runs.</param>
    /// <param name="storage">Where its checkpoints and savepoints are kept.</param>
    /// <param name="checkpoints">The checkpoint protocol over <paramref name="storage"/>.</param>
    /// <param name="recovery">What recovery found in <paramref name="storage"/>.</param>
    /// <param name="restore">What the job resumes from: the recovered checkpoint, or a savepoint (null for a fresh start).</param>
    public RunningJob(
        JobGraph graph, JobOptions options, ICheckpointStorage storage, CheckpointManager checkpoints, CheckpointRecoveryResult recovery, RestorePoint? restore)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(recovery);
        Graph = graph;
        Options = options;
        Storage = storage;
        Checkpoints = checkpoints;
        Recovery = recovery;
        Restore = restore;
    }

    /// <summary>The job graph.</summary>
    public JobGraph Graph { get; }

    /// <summary>The job's options.</summary>
    public JobOptions Options { get; }

    /// <summary>The job's checkpoint protocol.</summary>
    public CheckpointManager Checkpoints { get; }

    /// <summary>Where the job's checkpoints and savepoints are kept.</summary>
    public ICheckpointStorage Storage { get; }

    /// <summary>What the job resumes from, or null for a fresh start.</summary>
    public RestorePoint? Restore { get; }

    /// <summary>Where the job is in its life.</summary>
    public JobRunState State => _outcome.Task.IsCompleted ? JobRunState.Ended : _running ? JobRunState.Running : JobRunState.Recovering;

    /// <summary>What recovery found; <see cref="CheckpointRecoveryResult.Manifest"/> is the checkpoint restored, if any.</summary>
    public CheckpointRecoveryResult Recovery { get; }

    /// <summary>The checkpoint or savepoint manifest the job resumed from, or null for a fresh start.</summary>
    public CheckpointManifest? RestoredFrom => Restore?.Manifest;

    /// <summary>Progress counters.</summary>
    public JobCounters Counters { get; } = new();

    /// <summary>Completes when the job finishes or fails.</summary>
    public Task<JobOutcome> Outcome => _outcome.Task;

    /// <summary>Called when a checkpoint completes (for progress display); runs on the coordinator's turn, must be quick.</summary>
    public event Action<CompletedCheckpointInfo>? CheckpointCompleted;

    internal void OnCheckpointCompleted(CompletedCheckpointInfo info) => CheckpointCompleted?.Invoke(info);

    /// <summary>Every task started: the job is running.</summary>
    public void MarkRunning() => _running = true;

    internal void Finish(JobOutcome outcome) => _outcome.TrySetResult(outcome);
}
