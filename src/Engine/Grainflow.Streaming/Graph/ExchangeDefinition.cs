using Grainflow.Streaming.Execution;
using Grainflow.Streaming.KeyGroups;
using Grainflow.Streaming.Tasks;

namespace Grainflow.Streaming.Graph;

/// <summary>A vertex's chain ends by sending its records to a keyed operator, partitioned by key group.</summary>
internal sealed class ExchangeDefinition<T, TKey>(KeyedVertex target, Func<T, TKey> keySelector, IKeyHasher<TKey> hasher) : TerminalDefinition
{
    public override TaskTerminal Create(TaskEnvironment environment, int taskIndex)
    {
        var targets = Enumerable.Range(0, target.Parallelism)
            .Select(i => environment.Peers.KeyedTask(target.Id, i))
            .ToArray();
        return new KeyedExchange<T, TKey>(targets, taskIndex, keySelector, hasher, target.MaxParallelism, environment.Job.Options.BatchSize, environment.Job.Options.ChannelCredits);
    }

    public override ValueTask RecoverAsync(TaskEnvironment environment, int taskIndex, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public override string Describe() => $"exchange:{target.Id}";
}
