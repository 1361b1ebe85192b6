namespace Grainflow.Streaming.KeyGroups;

/// <summary>The built-in stable hashers: string, int, long and Guid keys.</summary>
public static class KeyHashers
{
    /// <summary>The hasher of <typeparamref name="TKey"/>.</summary>
    /// <exception cref="NotSupportedException">No built-in hasher exists; pass an <see cref="IKeyHasher{TKey}"/> to KeyBy.</exception>
    public static IKeyHasher<TKey> For<TKey>() =>
        (IKeyHasher<TKey>?)(typeof(TKey) == typeof(string) ? (object)new StringHasher()
            : typeof(TKey) == typeof(long) ? (object)new LongHasher()
            : typeof(TKey) == typeof(int) ? (object)new IntHasher()
            : typeof(TKey) == typeof(Guid) ? (object)new GuidHasher()
            : null)
        ?? throw new NotSupportedException(
            $"Keys of type {typeof(TKey).Name} have no built-in stable hash; pass an IKeyHasher<{typeof(TKey).Name}> to KeyBy.");

    private sealed class StringHasher : IKeyHasher<string>
    {
        public int Hash(string key) => StableHash.Hash(key.AsSpan());
    }

    private sealed class LongHasher : IKeyHasher<long>
    {
        public int Hash(long key) => StableHash.Hash(key);
    }

    private sealed class IntHasher : IKeyHasher<int>
    {
        public int Hash(int key) => StableHash.Hash(key);
    }

    private sealed class GuidHasher : IKeyHasher<Guid>
    {
        public int Hash(Guid key) => StableHash.Hash(key);
    }
}
