namespace Grainflow.Streaming.State;

/// <summary>
/// A named state of one task: a value per key, accessed at the backend's current key. Entries are kept per key group
/// (one <see cref="KeyGroupEntries{TKey, T}"/> each, created on first use), so a snapshot needs no hash of any key and
/// a capture can share the tables with the snapshot instead of copying them: a table a snapshot still reads is copied
/// by the first change after the barrier (<see cref="ShardHold"/>), one key group at a time, while the task runs.
/// </summary>
internal sealed partial class StateTable<TKey, T> : IKeyedStateTable<T>, IStateTable, IRestorableTable<TKey>
    where TKey : notnull
{
    private readonly KeyedStateBackend<TKey> _backend;
    private readonly IStateSerializer<T> _serializer;
    private readonly Func<T, T>? _copy;
    private readonly KeyGroupEntries<TKey, T>?[] _shards;
    private readonly ShardHold?[] _holds;

    // Per key group, the table a copy replaced and the hold of the snapshots reading it: once they let go, the next
    // copy fills it instead of allocating. Measured at a million keys, allocating a copy per key group and checkpoint
    // churned large-object garbage (37 gen2 collections and 10.7 s of GC pauses in a run, against 9 and 1.3 s without
    // checkpoints); refilled, each key group keeps two tables for good.
    private readonly (KeyGroupEntries<TKey, T> Entries, ShardHold Hold)?[] _retired;

    // Per key group, its keys as the last snapshot wrote them (see WriteKeys).
    private readonly EncodedKeys?[] _encodedKeys;
    private int _count;

    // copy: duplicates a mutable value when its shard is copied; null when values are immutable (value types, strings).
    public StateTable(string name, KeyedStateBackend<TKey> backend, IStateSerializer<T> serializer, Func<T, T>? copy)
    {
        Name = name;
        _backend = backend;
        _serializer = serializer;
        _copy = copy;
        var groups = backend.KeyGroups.End - backend.KeyGroups.Start + 1;
        _shards = new KeyGroupEntries<TKey, T>?[groups];
        _holds = new ShardHold?[groups];
        _retired = new (KeyGroupEntries<TKey, T>, ShardHold)?[groups];
        _encodedKeys = new EncodedKeys?[groups];
    }

    public string Name { get; }

    public int Count => _count;

    public bool TryGet(out T value)
    {
        // A mutable value handed out could be changed in place, behind a snapshot's back: its shard is copied first.
        var shard = _copy is null ? _shards[_backend.CurrentShard] : WritableShard(_backend.CurrentShard);
        if (shard is not null)
        {
            return shard.TryGetValue(_backend.CurrentKey, out value!);
        }

        value = default!;
        return false;
    }

    public void Set(T value)
    {
        ref var slot = ref WritableShard(_backend.CurrentShard).GetValueRefOrAddDefault(_backend.CurrentKey, out var exists);
        slot = value;
        if (!exists)
        {
            _count++;
        }
    }

    public T Apply(Func<T?, T> update)
    {
        ref var slot = ref WritableShard(_backend.CurrentShard).GetValueRefOrAddDefault(_backend.CurrentKey, out var exists);
        if (!exists)
        {
            _count++;
        }

        slot = update(slot);
        return slot;
    }

    public void Remove()
    {
        var index = _backend.CurrentShard;
        if (_shards[index] is { } shard && shard.ContainsKey(_backend.CurrentKey) && WritableShard(index).Remove(_backend.CurrentKey))
        {
            _count--;
        }
    }

    public bool TryGetForKey(TKey key, out T value)
    {
        if (_shards[_backend.ShardOf(key)] is { } shard)
        {
            return shard.TryGetValue(key, out value!);
        }

        value = default!;
        return false;
    }

    public string? ReadAsText(object key) =>
        key is TKey typed && TryGetForKey(typed, out var value)
            ? value switch
            {
                string text => text,
                IFormattable formattable => formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
                _ => System.Text.Json.JsonSerializer.Serialize(value),
            }
            : null;

    public void RestoreEntry(BinaryReader reader, TKey key, int keyGroup, bool keep)
    {
        var value = _serializer.Read(reader);
        if (keep)
        {
            ref var slot = ref WritableShard(keyGroup - _backend.KeyGroups.Start).GetValueRefOrAddDefault(key, out var exists);
            slot = value;
            if (!exists)
            {
                _count++;
            }
        }
    }

    // The shard of one key group, ready to change: created if missing, copied first if a snapshot still reads it.
    private KeyGroupEntries<TKey, T> WritableShard(int index)
    {
        var shard = _shards[index];
        if (shard is null)
        {
            return _shards[index] = new KeyGroupEntries<TKey, T>();
        }

        if (_holds[index] is { } hold)
        {
            if (hold.IsHeld)
            {
                var spare = _retired[index] is { } retired && !retired.Hold.IsHeld ? retired.Entries : null;
                _retired[index] = (shard, hold);
                shard = _shards[index] = CopyOf(shard, spare);
            }

            _holds[index] = null;
        }

        return shard;
    }

    private KeyGroupEntries<TKey, T> CopyOf(KeyGroupEntries<TKey, T> shard, KeyGroupEntries<TKey, T>? spare)
    {
        var copy = spare ?? new KeyGroupEntries<TKey, T>();
        copy.CopyFrom(shard, _copy);
        return copy;
    }
}
