using System.Buffers;
using System.Runtime.InteropServices;

namespace Grainflow.Streaming.State;

/// <summary>A named state of one task: a dictionary from key to value, accessed at the backend's current key.</summary>
internal sealed class StateTable<TKey, T> : IKeyedStateTable<T>, IStateTable, IRestorableTable<TKey>
    where TKey : notnull
{
    private readonly KeyedStateBackend<TKey> _backend;
    private readonly IStateSerializer<T> _serializer;
    private readonly Func<T, T>? _copy;
    private readonly Dictionary<TKey, T> _values = [];

    // copy: duplicates a mutable value at capture time; null when values are immutable (value types, strings).
    public StateTable(string name, KeyedStateBackend<TKey> backend, IStateSerializer<T> serializer, Func<T, T>? copy)
    {
        Name = name;
        _backend = backend;
        _serializer = serializer;
        _copy = copy;
    }

    public string Name { get; }

    public int Count => _values.Count;

    public bool TryGet(out T value) => _values.TryGetValue(_backend.CurrentKey, out value!);

    public void Set(T value) => _values[_backend.CurrentKey] = value;

    public T Apply(Func<T?, T> update)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_values, _backend.CurrentKey, out _);
        slot = update(slot);
        return slot;
    }

    public void Remove() => _values.Remove(_backend.CurrentKey);

    public bool TryGetForKey(TKey key, out T value) => _values.TryGetValue(key, out value!);

    public string? ReadAsText(object key) =>
        key is TKey typed && _values.TryGetValue(typed, out var value)
            ? value switch
            {
                string text => text,
                IFormattable formattable => formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
                _ => System.Text.Json.JsonSerializer.Serialize(value),
            }
            : null;

    public IStateTableSnapshot Capture()
    {
        // The synchronous part of a checkpoint: one pass copying references (and mutable values), no I/O. The
        // array is rented, because a fresh one per checkpoint would be a large-object allocation that full GCs pay for.
        var count = _values.Count;
        var entries = ArrayPool<KeyValuePair<TKey, T>>.Shared.Rent(count);
        var i = 0;
        foreach (var entry in _values)
        {
            entries[i++] = _copy is null ? entry : new KeyValuePair<TKey, T>(entry.Key, _copy(entry.Value));
        }

        return new Snapshot(Name, entries, count, _backend, _serializer);
    }

    public void RestoreEntry(BinaryReader reader, TKey key, bool keep)
    {
        var value = _serializer.Read(reader);
        if (keep)
        {
            _values[key] = value;
        }
    }

    private sealed class Snapshot(string name, KeyValuePair<TKey, T>[] entries, int count, KeyedStateBackend<TKey> backend, IStateSerializer<T> serializer)
        : IStateTableSnapshot
    {
        private KeyValuePair<TKey, T>[]? _entries = entries;

        public string Name => name;

        public int Count => count;

        public void WriteTo(BinaryWriter writer)
        {
            var entries = _entries ?? throw new ObjectDisposedException($"The snapshot of state '{name}' was released.");
            writer.Write(name);
            writer.Write(count);
            foreach (var (key, value) in entries.AsSpan(0, count))
            {
                writer.Write(backend.KeyGroupOf(key));
                backend.KeySerializer.Write(writer, key);
                serializer.Write(writer, value);
            }
        }

        public void Release()
        {
            // The rented array goes back cleared, so that the pool holds no keys alive.
            if (Interlocked.Exchange(ref _entries, null) is { } entries)
            {
                ArrayPool<KeyValuePair<TKey, T>>.Shared.Return(entries, clearArray: true);
            }
        }
    }
}
