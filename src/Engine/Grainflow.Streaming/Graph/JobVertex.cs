namespace Grainflow.Streaming.Graph;

/// <summary>
/// A node of the job graph that runs as tasks: a source (one task per partition) or a keyed operator (one
/// task per key-group range). Stateless operators after it are chained into its tasks; its chain ends in a
/// <see cref="TerminalDefinition"/>: an exchange to the next keyed operator, or a sink.
/// </summary>
public abstract class JobVertex
{
    private protected JobVertex(string id, int parallelism)
    {
        Id = id;
        Parallelism = parallelism;
    }

    /// <summary>The stable operator id: names its tasks, its state and its checkpoint files.</summary>
    public string Id { get; }

    /// <summary>The number of tasks.</summary>
    public int Parallelism { get; }

    /// <summary>Where the vertex's chain ends; set when the job is defined.</summary>
    internal TerminalDefinition? Terminal { get; set; }

    /// <summary>Builds the chain of the vertex's tasks from their terminal collector (typed as the chain's last output).</summary>
    internal Func<object, object>? Chain { get; set; }

    /// <summary>Describes the vertex in the topology fingerprint.</summary>
    internal abstract string Describe();

    /// <summary>The task id of task <paramref name="index"/>.</summary>
    public string TaskId(int index) => $"{Id}/{index}";
}
