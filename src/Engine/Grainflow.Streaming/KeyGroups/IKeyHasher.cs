namespace Grainflow.Streaming.KeyGroups;

/// <summary>Computes a stable hash of a key: the same in every process and version (see <see cref="StableHash"/>).</summary>
/// <typeparam name="TKey">The key type.</typeparam>
public interface IKeyHasher<in TKey>
{
    /// <summary>The stable hash of <paramref name="key"/>.</summary>
    int Hash(TKey key);
}
