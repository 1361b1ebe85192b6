using Grainflow.Streaming.Execution;
using Grainflow.Streaming.Graph;
using Grainflow.Streaming.Sinks;
using Grainflow.Streaming.Tasks;

namespace Grainflow.Streams.Log.Jobs;

/// <summary>A vertex's chain ends in a read-committed stream sink: one sink task per task of the vertex.</summary>
internal sealed class LogStreamSinkDefinition<T>(
    string jobId, string sinkId, LogStreamProviderServices provider, string streamNamespace, Func<T, string>? streamKey) : TerminalDefinition
{
    private readonly ISinkStaging _staging = provider.Store.CreateSinkStaging(jobId, sinkId);

    public override TaskTerminal Create(TaskEnvironment environment, int taskIndex) => new LogStreamSinkTerminal<T>(
        provider, sinkId, streamNamespace, streamKey, taskIndex, new StagedEpochWriter(_staging, taskIndex), Committer(taskIndex));

    /// <summary>Refuses output ahead of the restored checkpoint, then recovers the task's staged epochs (<see cref="LogStreamSinkRecovery"/>).</summary>
    public override async ValueTask RecoverAsync(TaskEnvironment environment, int taskIndex, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var restored = environment.Job.OutputCommittedThrough?.CheckpointId ?? 0;
        if (!environment.Job.Options.AllowDuplicateOutput)
        {
            RefuseOutputAhead(restored);
        }

        await LogStreamSinkRecovery.RecoverAsync(_staging, Committer(taskIndex), taskIndex, restored, cancellationToken).ConfigureAwait(true);
    }

    public override ValueTask<long> HighestCommittedEpochAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(_staging.HighestCommittedEpoch());

    public override ValueTask RefuseOutputAheadAsync(long restoredCheckpointId, CancellationToken cancellationToken)
    {
        RefuseOutputAhead(restoredCheckpointId);
        return ValueTask.CompletedTask;
    }

    private void RefuseOutputAhead(long restoredCheckpointId)
    {
        var highest = _staging.HighestCommittedEpoch();
        if (highest <= restoredCheckpointId)
        {
            return;
        }

        var what = restoredCheckpointId == 0 ? "the job starts without a checkpoint" : $"the checkpoint being restored is {restoredCheckpointId}";
        throw new CommittedOutputConflictException(
            $"Stream sink '{sinkId}' has appended epochs up to {highest} to stream namespace '{streamNamespace}' of provider "
            + $"'{provider.ProviderName}', but {what}: replaying from there would append that output again. Restore the checkpoint "
            + "location (or a savepoint) that produced it, or accept repeated output (AllowDuplicateOutput).",
            _staging.Location,
            highest);
    }

    public override string Describe() => $"stream-sink:{sinkId}:{provider.ProviderName}/{streamNamespace}";

    private StagedEpochCommitter Committer(int taskIndex) => new(provider, _staging, jobId, taskIndex);
}
