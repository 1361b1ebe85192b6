using Grainflow.Streaming.Api;
using Grainflow.Streaming.Execution;
using Grainflow.Streaming.Graph;
using Grainflow.Streaming.Tasks;

namespace Grainflow.Streaming.AzureBlob.Sinks;

/// <summary>A vertex's chain ends in a transactional blob sink: one sink task per task of the vertex.</summary>
internal sealed class BlobSinkDefinition<T>(BlobSinkOutput output, LineFormatter<T> formatter, BlobSinkOptions options) : TerminalDefinition
{
    public override TaskTerminal Create(TaskEnvironment environment, int taskIndex)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return new BlobSinkTerminal<T>(new BlobSinkWriter(output.Container, output.Naming, taskIndex, environment.Attempt, options), formatter);
    }

    /// <summary>Refuses output ahead of the restored checkpoint, then commits what it lists for the task.</summary>
    public override async ValueTask RecoverAsync(TaskEnvironment environment, int taskIndex, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!environment.Job.Options.AllowDuplicateOutput)
        {
            await output.RefuseOutputAheadAsync(environment.Job.OutputCommittedThrough?.CheckpointId ?? 0, cancellationToken).ConfigureAwait(true);
        }

        await output.RecoverAsync(taskIndex, environment.Job.OutputCommittedThrough?.SinkCommits ?? [], cancellationToken).ConfigureAwait(true);
    }

    public override ValueTask<long> HighestCommittedEpochAsync(CancellationToken cancellationToken) =>
        output.HighestEpochAsync(includeStaged: true, cancellationToken);

    public override ValueTask RefuseOutputAheadAsync(long restoredCheckpointId, CancellationToken cancellationToken) =>
        output.RefuseOutputAheadAsync(restoredCheckpointId, cancellationToken);

    // The container's address, not its credential: the topology must not change with a rotated key.
    public override string Describe() => $"blob-sink:{output.Naming.SinkId}:{output.Container.Name}/{output.Naming.Prefix}";
}
