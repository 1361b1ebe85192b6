using Grainflow.Streaming.Api;
using Grainflow.Streaming.Execution;
using Grainflow.Streaming.KeyGroups;
using Grainflow.Streaming.Tasks;

namespace Grainflow.Streaming.Graph;

/// <summary>A keyed operator: one task per key-group range.</summary>
public abstract class KeyedVertex : JobVertex
{
    private protected KeyedVertex(string id, int parallelism, int maxParallelism)
        : base(id, parallelism)
    {
        MaxParallelism = maxParallelism;
    }

    /// <summary>The number of key groups, fixed for the life of the job's state.</summary>
    public int MaxParallelism { get; }

    /// <summary>The vertex feeding this one; set when the job is defined.</summary>
    public JobVertex? Input { get; internal set; }

    /// <summary>The number of input channels of each task: one per task of the vertex feeding it.</summary>
    public int InputChannels => Input?.Parallelism ?? 0;

    /// <summary>The key groups task <paramref name="index"/> owns.</summary>
    public KeyGroupRange KeyGroupsOf(int index) => KeyGroupAssignment.RangeFor(index, MaxParallelism, Parallelism);

    /// <summary>The task that owns the key whose text form is <paramref name="key"/>.</summary>
    /// <exception cref="ArgumentException">The text does not parse as this operator's key type.</exception>
    public abstract int TaskOfKey(string key);

    internal abstract IKeyedTask CreateTask(TaskEnvironment environment, int index);
}

/// <summary>A keyed operator whose function maps <typeparamref name="TIn"/> to <typeparamref name="TOut"/> per key.</summary>
internal sealed class KeyedVertex<TKey, TIn, TOut>(
    string id,
    int parallelism,
    int maxParallelism,
    Func<TIn, TKey> keySelector,
    IKeyHasher<TKey> hasher,
    Func<KeyedProcessFunction<TKey, TIn, TOut>> functionFactory)
    : KeyedVertex(id, parallelism, maxParallelism)
    where TKey : notnull
{
    public Func<TIn, TKey> KeySelector => keySelector;

    public IKeyHasher<TKey> Hasher => hasher;

    internal override string Describe() => $"keyed:{Id}:{typeof(TKey).Name}:{Parallelism}:{MaxParallelism}";

    public override int TaskOfKey(string key) =>
        KeyText.TryParse<TKey>(key, out var typed)
            ? KeyGroupAssignment.TaskFor(KeyGroupAssignment.KeyGroupFor(hasher.Hash(typed), MaxParallelism), MaxParallelism, Parallelism)
            : throw new ArgumentException($"'{key}' is not a key of operator '{Id}' (keys are {typeof(TKey).Name}).", nameof(key));

    internal override IKeyedTask CreateTask(TaskEnvironment environment, int index) =>
        new KeyedTask<TKey, TIn, TOut>(environment, this, index, functionFactory());
}
