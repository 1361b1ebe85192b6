namespace Grainflow.Streaming.Channels;

/// <summary>
/// Records travelling together between two tasks, with the key group of each (computed once, by the sender).
/// Immutable once sent: Orleans passes it by reference inside a silo and serializes it between silos, so a
/// sender must not touch a batch after sending it.
/// </summary>
[GenerateSerializer]
[Immutable]
public abstract class RecordBatch
{
    /// <summary>The number of records.</summary>
    public abstract int Count { get; }
}

/// <summary>A batch of records of type <typeparamref name="T"/>.</summary>
[GenerateSerializer]
[Immutable]
public sealed class RecordBatch<T> : RecordBatch
{
    [Id(0)]
    private readonly T[] _records;

    [Id(1)]
    private readonly int[] _keyGroups;

    [Id(2)]
    private int _count;

    /// <summary>An empty batch with room for <paramref name="capacity"/> records.</summary>
    public RecordBatch(int capacity)
    {
        _records = new T[capacity];
        _keyGroups = new int[capacity];
    }

    /// <inheritdoc/>
    public override int Count => _count;

    /// <summary>Whether the batch is full.</summary>
    public bool IsFull => _count == _records.Length;

    /// <summary>The records.</summary>
    public ReadOnlySpan<T> Records => _records.AsSpan(0, _count);

    /// <summary>The key group of each record, by index.</summary>
    public ReadOnlySpan<int> KeyGroups => _keyGroups.AsSpan(0, _count);

    /// <summary>Appends a record; the caller checks <see cref="IsFull"/> first.</summary>
    public void Add(T record, int keyGroup)
    {
        _records[_count] = record;
        _keyGroups[_count] = keyGroup;
        _count++;
    }
}
