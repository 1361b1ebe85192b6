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
}
