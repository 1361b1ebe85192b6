namespace Grainflow.Streaming.KeyGroups;

/// <summary>
/// Maps keys to key groups and key groups to operator tasks, as Flink does: a key's group is its stable hash
/// modulo <c>maxParallelism</c> (fixed for the life of the job's state), and task i of p owns the contiguous
/// range of groups g with g * p / maxParallelism == i.
/// </summary>
public static class KeyGroupAssignment
{
    /// <summary>The default number of key groups.</summary>
    public const int DefaultMaxParallelism = 128;

    /// <summary>The key group of a key whose stable hash is <paramref name="stableHash"/>.</summary>
    public static int KeyGroupFor(int stableHash, int maxParallelism) => (int)((uint)stableHash % (uint)maxParallelism);

    /// <summary>The task (0-based, of <paramref name="parallelism"/>) that owns <paramref name="keyGroup"/>.</summary>
    public static int TaskFor(int keyGroup, int maxParallelism, int parallelism) => keyGroup * parallelism / maxParallelism;

    /// <summary>The key groups task <paramref name="taskIndex"/> of <paramref name="parallelism"/> owns.</summary>
    public static KeyGroupRange RangeFor(int taskIndex, int maxParallelism, int parallelism)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(taskIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(taskIndex, parallelism);
        var start = ((taskIndex * maxParallelism) + parallelism - 1) / parallelism;
        var end = ((((taskIndex + 1) * maxParallelism) + parallelism - 1) / parallelism) - 1;
        return new KeyGroupRange(start, end);
    }
}
