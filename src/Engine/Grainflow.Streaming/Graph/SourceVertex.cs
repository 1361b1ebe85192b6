using Grainflow.Streaming.Execution;
using Grainflow.Streaming.Sources.Readers;
using Grainflow.Streaming.Tasks;

namespace Grainflow.Streaming.Graph;

/// <summary>A source: one task per partition.</summary>
public abstract class SourceVertex : JobVertex
{
    private protected SourceVertex(string id, int parallelism)
        : base(id, parallelism)
    {
    }

    /// <summary>Whether the source ends (and with it, the job).</summary>
    public abstract bool IsBounded { get; }

    internal abstract ISourceTask CreateTask(TaskEnvironment environment, int partition);
}

/// <summary>A source of records of type <typeparamref name="T"/>.</summary>
internal sealed class SourceVertex<T>(string id, ISourceFactory<T> factory) : SourceVertex(id, factory.PartitionCount)
{
    public override bool IsBounded => factory.IsBounded;

    internal override string Describe() => $"source:{Id}:{factory.Description}:{Parallelism}";

    internal override ISourceTask CreateTask(TaskEnvironment environment, int partition) =>
        new SourceTask<T>(environment, this, partition, factory.CreateReader(partition));
}
