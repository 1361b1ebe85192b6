namespace Grainflow.Streaming.State;

/// <summary>
/// A map kept per key. Operations apply to the key of the record (or timer) being processed.
/// Not thread-safe: use it only from the process function's callbacks.
/// </summary>
/// <remarks>As with <see cref="ValueState{T}"/>, read mutable values afresh in each callback rather than keeping them across callbacks.</remarks>
public sealed class MapState<TMapKey, TMapValue>
    where TMapKey : notnull
{
    private readonly IKeyedStateTable<Dictionary<TMapKey, TMapValue>> _table;

    internal MapState(IKeyedStateTable<Dictionary<TMapKey, TMapValue>> table) => _table = table;

    /// <summary>The current key's entry for <paramref name="mapKey"/>.</summary>
    public bool TryGetValue(TMapKey mapKey, out TMapValue value)
    {
        if (_table.TryGet(out var map) && map.TryGetValue(mapKey, out value!))
        {
            return true;
        }

        value = default!;
        return false;
    }

    /// <summary>Sets the current key's entry for <paramref name="mapKey"/>.</summary>
    public void Put(TMapKey mapKey, TMapValue value)
    {
        if (!_table.TryGet(out var map))
        {
            map = [];
            _table.Set(map);
        }

        map[mapKey] = value;
    }

    /// <summary>Removes the current key's entry for <paramref name="mapKey"/>.</summary>
    public bool Remove(TMapKey mapKey) => _table.TryGet(out var map) && map.Remove(mapKey);

    /// <summary>The current key's entries (a copy).</summary>
    public IReadOnlyDictionary<TMapKey, TMapValue> Entries =>
        _table.TryGet(out var map) ? new Dictionary<TMapKey, TMapValue>(map) : new Dictionary<TMapKey, TMapValue>();

    /// <summary>Removes all of the current key's entries.</summary>
    public void Clear() => _table.Remove();
}
