using System.Diagnostics;
using Grainflow.Streaming.KeyGroups;

namespace Grainflow.Streaming.State;

/// <summary>
/// The keyed state of one operator task: named tables of values per key, for the key groups the task owns,
/// plus its processing-time timers. Snapshots are captured synchronously and copy-on-write (nothing is copied at
/// the barrier), and written later by <see cref="KeyedStateSnapshot"/>.
/// </summary>
/// <remarks>Not thread-safe: the owning task uses it from its turns.</remarks>
public sealed class KeyedStateBackend<TKey>
    where TKey : notnull
{
    private readonly Dictionary<string, IStateTable> _tables = new(StringComparer.Ordinal);
    private readonly IKeyHasher<TKey> _hasher;
    private readonly int _maxParallelism;
    private TKey _currentKey = default!;

    /// <summary>Creates the backend of operator <paramref name="operatorId"/>'s task owning <paramref name="keyGroups"/>.</summary>
    public KeyedStateBackend(string operatorId, KeyGroupRange keyGroups, int maxParallelism, IKeyHasher<TKey> hasher)
    {
        OperatorId = operatorId;
        KeyGroups = keyGroups;
        _maxParallelism = maxParallelism;
        _hasher = hasher;
        Timers = new ProcessingTimeTimers<TKey>();
    }

    /// <summary>The operator whose state this is.</summary>
    public string OperatorId { get; }

    /// <summary>The key groups this task owns.</summary>
    public KeyGroupRange KeyGroups { get; }

    /// <summary>The key of the record or timer being processed; every state access applies to it.</summary>
    /// <exception cref="ArgumentException">Set to a key of a key group this task does not own.</exception>
    public TKey CurrentKey
    {
        get => _currentKey;
        set => SetCurrentKey(value, KeyGroupOf(value));
    }

    /// <summary>The task's processing-time timers.</summary>
    public ProcessingTimeTimers<TKey> Timers { get; }

    /// <summary>The number of keys with a value in <paramref name="stateName"/>.</summary>
    public int CountOf(string stateName) => _tables.TryGetValue(stateName, out var table) ? table.Count : 0;

    internal IStateSerializer<TKey> KeySerializer { get; } = StateSerializers.For<TKey>();

    internal int KeyGroupOf(TKey key) => KeyGroupAssignment.KeyGroupFor(_hasher.Hash(key), _maxParallelism);

    /// <summary>The current key's key group, as an index into the tables' per-group shards.</summary>
    internal int CurrentShard { get; private set; }

    /// <summary>The shard index of <paramref name="key"/>'s key group.</summary>
    /// <exception cref="ArgumentException">This task does not own the key's group.</exception>
    internal int ShardOf(TKey key) => ShardIndex(key, KeyGroupOf(key));

    /// <summary>
    /// Makes <paramref name="key"/> current, with the key group its sender computed (records travel with theirs), so
    /// that the key is not hashed again.
    /// </summary>
    internal void SetCurrentKey(TKey key, int keyGroup)
    {
        Debug.Assert(keyGroup == KeyGroupOf(key), "A record's key group is its key's.");
        CurrentShard = ShardIndex(key, keyGroup);
        _currentKey = key;
    }

    /// <summary>Registers (or returns) the value state <paramref name="name"/>.</summary>
    /// <exception cref="NotSupportedException">The snapshot serializer cannot round-trip <typeparamref name="T"/>.</exception>
    public ValueState<T> GetValueState<T>(string name) => new(GetOrAddTable<T>(name, StateCopyRule.For));

    /// <summary>Registers (or returns) the map state <paramref name="name"/>.</summary>
    /// <exception cref="NotSupportedException">The snapshot serializer cannot round-trip the map's types.</exception>
    public MapState<TMapKey, TMapValue> GetMapState<TMapKey, TMapValue>(string name)
        where TMapKey : notnull =>
        new(GetOrAddTable<Dictionary<TMapKey, TMapValue>>(name, _ =>
        {
            // The map is copied, and each value by its own rule: copying only the map would share mutable values.
            var copyValue = StateCopyRule.For(StateSerializers.For<TMapValue>());
            return map =>
            {
                var copy = new Dictionary<TMapKey, TMapValue>(map.Count, map.Comparer);
                foreach (var (key, value) in map)
                {
                    copy.Add(key, copyValue is null ? value : copyValue(value));
                }

                return copy;
            };
        }));

    /// <summary>The names of the registered states, in registration order.</summary>
    public IReadOnlyList<string> StateNames => [.. _tables.Keys];

    /// <summary>
    /// A state's value for <paramref name="key"/> as text (for queries): strings as they are, numbers in the
    /// invariant culture, other values as JSON; null when the key has none.
    /// </summary>
    public string? ReadAsText(string stateName, TKey key) =>
        _tables.TryGetValue(stateName, out var table) ? table.ReadAsText(key) : null;

    /// <summary>Reads the value of <paramref name="stateName"/> for <paramref name="key"/> (for queries), or false.</summary>
    public bool TryRead<T>(string stateName, TKey key, out T value)
    {
        if (_tables.TryGetValue(stateName, out var table) && table is StateTable<TKey, T> typed)
        {
            return typed.TryGetForKey(key, out value);
        }

        value = default!;
        return false;
    }

    /// <summary>Captures every table and the timers: the synchronous step of a snapshot.</summary>
    public KeyedStateSnapshot CaptureSnapshot() =>
        new KeyedStateSnapshot<TKey>(this, KeyGroups, [.. _tables.Values.Select(t => t.Capture())], Timers.Capture());

    /// <summary>
    /// Restores a snapshot written by <see cref="KeyedStateSnapshot.WriteTo"/>, keeping only entries of this
    /// task's key groups. States must be registered (by the function's Open) before restoring.
    /// </summary>
    /// <exception cref="InvalidDataException">The snapshot is not of this operator, or holds a state nobody registered.</exception>
    public void Restore(Stream snapshot) => KeyedStateRestorer.Restore(snapshot, this, name =>
        _tables.TryGetValue(name, out var table) ? table as IRestorableTable<TKey> : null);

    private int ShardIndex(TKey key, int keyGroup) => KeyGroups.Contains(keyGroup)
        ? keyGroup - KeyGroups.Start
        : throw new ArgumentException($"Key '{key}' is of key group {keyGroup}, which operator {OperatorId}'s task (key groups {KeyGroups}) does not own.", nameof(key));

    private StateTable<TKey, T> GetOrAddTable<T>(string name, Func<IStateSerializer<T>, Func<T, T>?> copyRule)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (_tables.TryGetValue(name, out var existing))
        {
            return existing as StateTable<TKey, T> ?? throw new InvalidOperationException(
                $"State '{name}' of operator {OperatorId} is already registered with another type.");
        }

        IStateSerializer<T> serializer;
        Func<T, T>? copy;
        try
        {
            serializer = StateSerializers.For<T>();
            copy = copyRule(serializer);
        }
        catch (NotSupportedException ex)
        {
            throw new NotSupportedException($"State '{name}' of operator {OperatorId}: {ex.Message}", ex);
        }

        var table = new StateTable<TKey, T>(name, this, serializer, copy);
        _tables.Add(name, table);
        return table;
    }
}
