using System.Runtime.CompilerServices;

namespace Grainflow.Streaming.State;

/// <summary>
/// One key group's entries of a state table: a chained hash table like <see cref="Dictionary{TKey, TValue}"/>, whose
/// contents can be copied into another instance's arrays without hashing any key again (<see cref="CopyFrom"/>).
/// </summary>
/// <remarks>
/// <para>
/// Why not a Dictionary: the copy-on-write capture copies each key group a task changes after a barrier, once per
/// checkpoint, into the dictionary an earlier checkpoint released. A Dictionary can only be refilled by adding every
/// entry again, which hashes every key: measured at a million string keys, 90 ms of every second with checkpoints
/// every second, against a few for the two array copies here. (Allocating a fresh copy avoids the hashing but
/// churns large-object garbage.)
/// </para>
/// <para>
/// The entries are dense (a removal moves the last entry into the hole), so enumeration and copies touch only live
/// entries. String keys are hashed with <see cref="StringKeyHash"/>, not <see cref="string.GetHashCode()"/>. Bucket count and entry capacity are one power of two; a bucket is picked by Fibonacci hashing, because
/// keys of one key group share the low bits of their stable hash and some key types hash to themselves. Not
/// thread-safe: one writer, and readers (snapshots) only while nothing changes the instance.
/// </para>
/// </remarks>
internal sealed class KeyGroupEntries<TKey, T>
    where TKey : notnull
{
    private const int MinimumCapacity = 4;

    // Per bucket, 1 + the index of the first entry of its chain; 0 when the bucket is empty, so a new array is empty.
    private int[] _buckets = [];
    private Entry[] _entries = [];
    private int _count;

    // 32 - log2(bucket count): the Fibonacci hash's top bits pick the bucket.
    private int _shift = 32;

    private object _lineage = new();
    private long _keyChanges;

    /// <summary>The number of keys with a value.</summary>
    public int Count => _count;

    /// <summary>
    /// Which keys this instance holds, and in which order, as (lineage, changes): two instances with equal layouts
    /// enumerate the same keys in the same order. A new instance starts a lineage; <see cref="CopyFrom"/> takes the
    /// source's; every addition or removal counts a change. Changes happen only to a key group's one writable
    /// instance, one after another, so a lineage's change count never means two different key sets.
    /// </summary>
    public (object Lineage, long Changes) KeyLayout => (_lineage, _keyChanges);

    /// <summary>The value of <paramref name="key"/>, or false when it has none.</summary>
    public bool TryGetValue(TKey key, out T value)
    {
        var index = IndexOf(key, HashOf(key));
        if (index >= 0)
        {
            value = _entries[index].Value;
            return true;
        }

        value = default!;
        return false;
    }

    /// <summary>Whether <paramref name="key"/> has a value.</summary>
    public bool ContainsKey(TKey key) => IndexOf(key, HashOf(key)) >= 0;

    /// <summary>
    /// The value slot of <paramref name="key"/>, added with the default value when missing. The reference is valid
    /// until the next addition or removal.
    /// </summary>
    public ref T GetValueRefOrAddDefault(TKey key, out bool exists)
    {
        var hashCode = HashOf(key);
        var index = IndexOf(key, hashCode);
        if (index >= 0)
        {
            exists = true;
            return ref _entries[index].Value;
        }

        if (_count == _entries.Length)
        {
            Resize(Math.Max(MinimumCapacity, _entries.Length * 2));
        }

        index = _count++;
        _keyChanges++;
        ref var bucket = ref _buckets[BucketOf(hashCode)];
        ref var entry = ref _entries[index];
        entry.Key = key;
        entry.Value = default!;
        entry.HashCode = hashCode;
        entry.NextPlusOne = bucket;
        bucket = index + 1;
        exists = false;
        return ref entry.Value;
    }

    /// <summary>Removes <paramref name="key"/>'s value; false when it had none.</summary>
    public bool Remove(TKey key)
    {
        var hashCode = HashOf(key);
        var index = IndexOf(key, hashCode);
        if (index < 0)
        {
            return false;
        }

        Unlink(index, hashCode);
        _keyChanges++;
        var last = _count - 1;
        if (index != last)
        {
            // Keep the entries dense: the last entry moves into the hole, and whatever pointed at it now points here.
            ref var moved = ref _entries[last];
            ref var pointer = ref PointerTo(last, moved.HashCode);
            pointer = index + 1;
            _entries[index] = moved;
        }

        _entries[last] = default;
        _count = last;
        return true;
    }

    /// <summary>
    /// Makes this instance hold exactly <paramref name="source"/>'s entries, reusing its own arrays when they have
    /// the same capacity: the arrays are copied as they are, stored hash codes and chains included, and each value
    /// is passed through <paramref name="copyValue"/> when one is given (mutable values).
    /// </summary>
    public void CopyFrom(KeyGroupEntries<TKey, T> source, Func<T, T>? copyValue)
    {
        if (_entries.Length != source._entries.Length)
        {
            _entries = new Entry[source._entries.Length];
            _buckets = new int[source._buckets.Length];
        }
        else if (_count > source._count && RuntimeHelpers.IsReferenceOrContainsReferences<Entry>())
        {
            // Entries past the source's count would keep keys and values alive that no one else holds any more.
            Array.Clear(_entries, source._count, _count - source._count);
        }

        Array.Copy(source._buckets, _buckets, source._buckets.Length);
        Array.Copy(source._entries, _entries, source._count);
        _count = source._count;
        _shift = source._shift;
        _lineage = source._lineage;
        _keyChanges = source._keyChanges;
        if (copyValue is not null)
        {
            for (var index = 0; index < _count; index++)
            {
                _entries[index].Value = copyValue(_entries[index].Value);
            }
        }
    }

    /// <summary>Enumerates the entries (in no particular order); the instance must not change meanwhile.</summary>
    public Enumerator GetEnumerator() => new(_entries, _count);

    private static int HashOf(TKey key) =>
        typeof(TKey) == typeof(string) ? StringKeyHash.Of(Unsafe.As<string>(key)) : EqualityComparer<TKey>.Default.GetHashCode(key);

    private int BucketOf(int hashCode) => (int)(((uint)hashCode * 0x9E3779B9u) >> _shift);

    private int IndexOf(TKey key, int hashCode)
    {
        if (_count == 0)
        {
            return -1;
        }

        var entries = _entries;
        for (var index = _buckets[BucketOf(hashCode)] - 1; index >= 0; index = entries[index].NextPlusOne - 1)
        {
            ref var entry = ref entries[index];
            if (entry.HashCode == hashCode && EqualityComparer<TKey>.Default.Equals(entry.Key, key))
            {
                return index;
            }
        }

        return -1;
    }

    // The bucket or the chain link that holds 1 + index: the one to change when the entry at index leaves or moves.
    private ref int PointerTo(int index, int hashCode)
    {
        ref var pointer = ref _buckets[BucketOf(hashCode)];
        while (pointer - 1 != index)
        {
            pointer = ref _entries[pointer - 1].NextPlusOne;
        }

        return ref pointer;
    }

    private void Unlink(int index, int hashCode)
    {
        ref var pointer = ref PointerTo(index, hashCode);
        pointer = _entries[index].NextPlusOne;
    }

    private void Resize(int capacity)
    {
        var entries = new Entry[capacity];
        Array.Copy(_entries, entries, _count);
        _entries = entries;
        _buckets = new int[capacity];
        _shift = 32 - int.Log2(capacity);
        for (var index = 0; index < _count; index++)
        {
            ref var bucket = ref _buckets[BucketOf(entries[index].HashCode)];
            entries[index].NextPlusOne = bucket;
            bucket = index + 1;
        }
    }

    /// <summary>Enumerates the live entries as key-value pairs.</summary>
    public struct Enumerator(Entry[] entries, int count)
    {
        private int _index = -1;

        public readonly KeyValuePair<TKey, T> Current => new(entries[_index].Key, entries[_index].Value);

        public bool MoveNext() => ++_index < count;
    }

    /// <summary>A key, its value, its hash code and its chain link.</summary>
    public struct Entry
    {
        public TKey Key;
        public T Value;
        public int HashCode;

        // 1 + the index of the next entry of the chain, 0 at its end: the same encoding as a bucket, so that
        // unlinking can walk bucket and links alike.
        public int NextPlusOne;
    }
}
