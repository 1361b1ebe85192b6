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

    /// <summary>Describes a job about to start.</summary>
    public RunningJob(JobGraph graph, JobOptions options, CheckpointManager checkpoints, CheckpointRecoveryResult recovery)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(recovery);
        Graph = graph;
        Options = options;
        Checkpoints = checkpoints;
        Recovery = recovery;
    }

    /// <summary>The job graph.</summary>
    public JobGraph Graph { get; }

    /// <summary>The job's options.</summary>
    public JobOptions Options { get; }

    /// <summary>The job's checkpoint storage.</summary>
    public CheckpointManager Checkpoints { get; }

    /// <summary>What recovery found; <see cref="CheckpointRecoveryResult.Manifest"/> is the checkpoint restored, if any.</summary>
    public CheckpointRecoveryResult Recovery { get; }

    /// <summary>The checkpoint the job resumed from, or null for a fresh start.</summary>
    public CheckpointManifest? RestoredFrom => Recovery.Manifest;

    /// <summary>Progress counters.</summary>
    public JobCounters Counters { get; } = new();

    /// <summary>Completes when the job finishes or fails.</summary>
    public Task<JobOutcome> Outcome => _outcome.Task;

    /// <summary>Called when a checkpoint completes (for progress display); runs on the coordinator's turn, must be quick.</summary>
    public event Action<CompletedCheckpointInfo>? CheckpointCompleted;

    internal void OnCheckpointCompleted(CompletedCheckpointInfo info) => CheckpointCompleted?.Invoke(info);

    internal void Finish(JobOutcome outcome) => _outcome.TrySetResult(outcome);
}
