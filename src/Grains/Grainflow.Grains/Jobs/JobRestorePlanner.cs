using Grainflow.Grains.Streaming;
using Grainflow.Streaming.Checkpointing.Savepoints;
using Grainflow.Streaming.Checkpointing.Storage;
using Grainflow.Streaming.Execution;

namespace Grainflow.Grains.Jobs;

/// <summary>
/// Chooses what a starting job resumes from: the latest valid checkpoint of its location; or, when asked, a
/// savepoint — unless the location has a newer checkpoint of its own. A savepoint seeds a location once: a rerun
/// of the same command after the job took checkpoints must resume from them, or it would repeat output.
/// </summary>
public static class JobRestorePlanner
{
    /// <summary>Plans the start of <paramref name="spec"/>.</summary>
    /// <exception cref="Grainflow.Streaming.Checkpointing.Storage.IncompatibleCheckpointException">The location holds checkpoints of another job or topology.</exception>
    /// <exception cref="SavepointMismatchException">The savepoint holds state no operator claims, and that was not allowed.</exception>
    /// <exception cref="SavepointNotFoundException">No such savepoint.</exception>
    /// <exception cref="CheckpointLocationLockedException">Another process runs the job on this location.</exception>
    /// <exception cref="DamagedCheckpointException">The newest checkpoint is damaged and falling back would repeat output.</exception>
    /// <exception cref="Grainflow.Streaming.Sinks.CommittedOutputConflictException">A sink holds committed output newer than what would be restored.</exception>
    public static async Task<JobRestorePlan> PlanAsync(JobInstanceFactory factory, JobSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(spec);
        var graph = factory.BuildGraph(spec);
        var storage = factory.OpenStorage(spec.Checkpoints);
        var checkpoints = factory.NewCheckpointManager(storage, graph, spec.Options);
        var writerLock = await checkpoints.AcquireWriterLockAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await PlanLockedAsync(factory, spec, graph, storage, checkpoints, writerLock, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await writerLock.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<JobRestorePlan> PlanLockedAsync(
        JobInstanceFactory factory,
        JobSpec spec,
        Grainflow.Streaming.Graph.JobGraph graph,
        ICheckpointStorage storage,
        CheckpointManager checkpoints,
        IAsyncDisposable writerLock,
        CancellationToken cancellationToken)
    {
        var allowDuplicates = spec.Options.AllowDuplicateOutput;
        var fromSavepoint = spec.FromSavepoint is { } savepoint
            ? await LoadSavepointAsync(factory, spec, savepoint, cancellationToken).ConfigureAwait(false)
            : null;
        var recovery = await checkpoints.LoadLatestValidAsync(
            new CheckpointRecoveryOptions
            {
                AllowFallbackWithDuplicates = allowDuplicates,
                ReplayPastDamagedCheckpoint = fromSavepoint is null,
                SupersedingSavepointId = fromSavepoint?.Manifest.CheckpointId,
            },
            cancellationToken).ConfigureAwait(false);
        await checkpoints.SweepOrphansAsync(cancellationToken).ConfigureAwait(false);
        var warnings = new List<string>(recovery.Warnings);

        RestoreSource? restore = recovery.Manifest is { } latest
            ? new RestoreSource(latest, spec.Checkpoints, $"checkpoint {latest.CheckpointId}", recovery.ReplayThrough)
            : null;
        if (recovery.ReplayThrough is { } damaged)
        {
            var skipped = recovery.Skipped[0];
            warnings.Add($"checkpoint {damaged.CheckpointId} is damaged at '{skipped.DamagedPath}'; recovering exactly past it: replaying from "
                + $"{restore!.Description} up to checkpoint {damaged.CheckpointId}'s source offsets, without writing the output it committed again.");
        }

        if (fromSavepoint is not null)
        {
            if (restore is not null && restore.Manifest.CheckpointId > fromSavepoint.Manifest.CheckpointId)
            {
                warnings.Add($"savepoint '{spec.FromSavepoint!.Name}' was not restored: this checkpoint location has newer checkpoints of its own " +
                    $"(the newest is {restore.Description}), which carry on from it. Use a fresh checkpoint location to start from the savepoint again.");
            }
            else
            {
                restore = fromSavepoint;
            }
        }

        var reader = restore is null ? null
            : new RestorePoint(
                restore.Manifest,
                restore.Location == spec.Checkpoints ? checkpoints : factory.NewCheckpointManager(factory.OpenStorage(restore.Location), graph, spec.Options),
                restore.Description,
                restore.ReplayThrough);
        // Replaying past a damaged checkpoint, the output is committed through that one, not through the one restored.
        var restoredId = (restore?.ReplayThrough ?? restore?.Manifest)?.CheckpointId ?? 0;
        if (!allowDuplicates)
        {
            await graph.RefuseOutputAheadAsync(restoredId, cancellationToken).ConfigureAwait(false);
        }

        var highestOutputEpoch = await graph.HighestCommittedOutputEpochAsync(cancellationToken).ConfigureAwait(false);
        var firstId = new[] { recovery.HighestCheckpointId, restoredId, highestOutputEpoch }.Max() + 1;
        return new JobRestorePlan(new JobInstance(graph, spec.Options, checkpoints, reader), storage, recovery, restore, warnings, writerLock, firstId);
    }

    private static async Task<RestoreSource> LoadSavepointAsync(JobInstanceFactory factory, JobSpec spec, SavepointSource savepoint, CancellationToken cancellationToken)
    {
        var graph = factory.BuildGraph(spec);
        var storage = factory.OpenStorage(savepoint.Location);
        var reader = factory.NewCheckpointManager(storage, graph, spec.Options);
        var manifest = await new SavepointStore(storage, reader.Layout).LoadAsync(savepoint.Name, cancellationToken).ConfigureAwait(false);
        var unmatched = SavepointMatching.FindUnmatched(graph, manifest);
        if (unmatched.Count > 0 && !savepoint.AllowNonRestoredState)
        {
            throw new SavepointMismatchException(
                $"Savepoint '{savepoint.Name}' holds state that no operator of job '{graph.JobId}' claims: {string.Join(", ", unmatched)}. " +
                "Operator state is matched by operator id; keep the ids, or pass --allow-non-restored-state to drop that state.");
        }

        return new RestoreSource(manifest, savepoint.Location, $"savepoint {savepoint.Name}");
    }
}
