using Grainflow.Streaming.Execution;
using Grainflow.Streaming.Graph;
using Grainflow.Streaming.Sinks;
using Grainflow.Streaming.Tasks;

namespace Grainflow.Streams.Log.Jobs;

/// <summary>A vertex's chain ends in a read-committed stream sink: one sink task per task of the vertex.</summary>
internal sealed class LogStreamSinkDefinition<T>(
    string jobId, string sinkId, LogStreamProviderServices provider, string streamNamespace, Func<T, string>? streamKey) : TerminalDefinition
{
    private readonly SinkStagingLayout _layout = new(provider.Store.Directory, jobId, sinkId);

    public override TaskTerminal Create(TaskEnvironment environment, int taskIndex) => new LogStreamSinkTerminal<T>(
        provider, sinkId, streamNamespace, streamKey, taskIndex, new StagedEpochWriter(_layout, taskIndex), Committer(taskIndex));

    /// <summary>
    /// Commits the staged epochs the restored checkpoint covers (those at or below it: their checkpoint, or a later
    /// one, completed, and a crash or a failed commit came before they were appended) and discards the others, which
    /// no completed checkpoint covers: the restored job produces their records again.
    /// </summary>
    public override async ValueTask RecoverAsync(TaskEnvironment environment, int taskIndex, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var restored = environment.Job.RestoredFrom?.CheckpointId ?? 0;
        if (!environment.Job.Options.AllowDuplicateOutput)
        {
            RefuseOutputAhead(restored);
        }

        if (!Directory.Exists(_layout.Directory))
        {
            return;
        }

        File.Delete(_layout.InProgressPath(taskIndex));
        var committer = Committer(taskIndex);
        foreach (var (epoch, path) in _layout.ListStaged(taskIndex))
        {
            if (epoch <= restored)
            {
                await committer.CommitAsync(epoch, cancellationToken).ConfigureAwait(true);
            }
            else
            {
                File.Delete(path);
            }
        }
    }

    public override long HighestCommittedEpoch() => _layout.HighestCommittedEpoch();

    public override void RefuseOutputAhead(long restoredCheckpointId)
    {
        var highest = _layout.HighestCommittedEpoch();
        if (highest <= restoredCheckpointId)
        {
            return;
        }

        var what = restoredCheckpointId == 0 ? "the job starts without a checkpoint" : $"the checkpoint being restored is {restoredCheckpointId}";
        throw new CommittedOutputConflictException(
            $"Stream sink '{sinkId}' has appended epochs up to {highest} to stream namespace '{streamNamespace}' of provider "
            + $"'{provider.ProviderName}', but {what}: replaying from there would append that output again. Restore the checkpoint "
            + "location (or a savepoint) that produced it, or accept repeated output (AllowDuplicateOutput).",
            _layout.Directory,
            highest);
    }

    public override string Describe() => $"stream-sink:{sinkId}:{provider.ProviderName}/{streamNamespace}";

    private StagedEpochCommitter Committer(int taskIndex) => new(provider, _layout, jobId, taskIndex);
}
