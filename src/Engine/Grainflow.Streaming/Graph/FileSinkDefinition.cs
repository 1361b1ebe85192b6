using Grainflow.Streaming.Api;
using Grainflow.Streaming.Execution;
using Grainflow.Streaming.Sinks;
using Grainflow.Streaming.Tasks;

namespace Grainflow.Streaming.Graph;

/// <summary>A vertex's chain ends in a transactional file sink: one subtask per task of the vertex.</summary>
internal sealed class FileSinkDefinition<T>(string sinkId, string directory, LineFormatter<T> formatter) : TerminalDefinition
{
    public override TaskTerminal Create(TaskEnvironment environment, int taskIndex) =>
        new FileSinkTerminal<T>(
            TransactionalFileSinkWriter.Open(directory, sinkId, taskIndex, TransactionalFileSinkWriter.DefaultBufferSize, environment.FileSystem), formatter);

    public override async ValueTask RecoverAsync(TaskEnvironment environment, int taskIndex, CancellationToken cancellationToken)
    {
        var result = await TransactionalFileSinkWriter.RecoverAsync(
            directory,
            sinkId,
            taskIndex,
            environment.Job.OutputCommittedThrough?.SinkCommits ?? [],
            new SinkRecoveryOptions
            {
                RestoredCheckpointId = environment.Job.OutputCommittedThrough?.CheckpointId ?? 0,
                AllowDuplicateOutput = environment.Job.Options.AllowDuplicateOutput,
            },
            environment.FileSystem,
            cancellationToken).ConfigureAwait(true);
        if (result.ConsumedFiles.Count > 0)
        {
            SinkLog.CommittedOutputConsumed(environment.Logger, sinkId, taskIndex, string.Join(", ", result.ConsumedFiles), Path.GetFullPath(directory));
        }
    }

    public override ValueTask<long> HighestCommittedEpochAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(TransactionalFileSinkWriter.HighestEpoch(directory, sinkId));

    public override ValueTask RefuseOutputAheadAsync(long restoredCheckpointId, CancellationToken cancellationToken)
    {
        TransactionalFileSinkRecovery.RefuseOutputAhead(directory, sinkId, restoredCheckpointId);
        return ValueTask.CompletedTask;
    }

    public override string Describe() => $"file-sink:{sinkId}";
}
