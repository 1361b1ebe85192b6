using Grainflow.Streaming.Execution;
using Grainflow.Streaming.Tasks;

namespace Grainflow.Streaming.Graph;

/// <summary>The end of a vertex's chain: what receives its records in each task.</summary>
internal abstract class TerminalDefinition
{
    /// <summary>Creates the terminal of task <paramref name="taskIndex"/>.</summary>
    public abstract TaskTerminal Create(TaskEnvironment environment, int taskIndex);

    /// <summary>Recovers whatever the terminal left behind in a crash, given the restored checkpoint.</summary>
    public abstract ValueTask RecoverAsync(TaskEnvironment environment, int taskIndex, CancellationToken cancellationToken);

    public abstract string Describe();

    /// <summary>
    /// The highest epoch this terminal's sink committed or staged in its output (0 for none, or no sink): the job's
    /// checkpoint ids continue past it. Asynchronous because a sink's output may be remote (a blob container).
    /// </summary>
    public virtual ValueTask<long> HighestCommittedEpochAsync(CancellationToken cancellationToken) => ValueTask.FromResult(0L);

    /// <summary>Throws when the sink holds committed output newer than <paramref name="restoredCheckpointId"/>.</summary>
    /// <exception cref="Sinks.CommittedOutputConflictException">It does.</exception>
    public virtual ValueTask RefuseOutputAheadAsync(long restoredCheckpointId, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
