namespace Grainflow.Streaming.State;

/// <summary>
/// A value kept per key. Reads and writes apply to the key of the record (or timer) being processed.
/// Not thread-safe: use it only from the process function's callbacks.
/// </summary>
/// <remarks>
/// A value of a mutable type is read afresh in each callback: a checkpoint shares the state with its snapshot until
/// the next change (copy-on-write), so an object kept from an earlier callback and changed later, without reading it
/// through the state again, may change the snapshot instead of the live state.
/// </remarks>
public sealed class ValueState<T>
{
    private readonly IKeyedStateTable<T> _table;

    internal ValueState(IKeyedStateTable<T> table) => _table = table;

    /// <summary>Whether the current key has a value.</summary>
    public bool HasValue => _table.TryGet(out _);

    /// <summary>The current key's value, or <c>default</c> when it has none.</summary>
    public T? Value => _table.TryGet(out var value) ? value : default;

    /// <summary>Sets the current key's value.</summary>
    public void Update(T value) => _table.Set(value);

    /// <summary>Gives the current key's value to <paramref name="update"/> (default when none) and stores the result, with one lookup.</summary>
    public T Apply(Func<T?, T> update)
    {
        ArgumentNullException.ThrowIfNull(update);
        return _table.Apply(update);
    }

    /// <summary>Removes the current key's value.</summary>
    public void Clear() => _table.Remove();
}
