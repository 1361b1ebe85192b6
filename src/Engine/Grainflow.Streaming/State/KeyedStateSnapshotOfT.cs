using Grainflow.Streaming.KeyGroups;

namespace Grainflow.Streaming.State;

/// <summary>The snapshot of a task whose keys are <typeparamref name="TKey"/>.</summary>
internal sealed class KeyedStateSnapshot<TKey> : KeyedStateSnapshot
    where TKey : notnull
{
    private readonly IReadOnlyList<IStateTableSnapshot> _tables;
    private readonly (TKey Key, long Time)[] _timers;
    private readonly KeyedStateBackend<TKey> _backend;

    public KeyedStateSnapshot(KeyedStateBackend<TKey> backend, KeyGroupRange keyGroups, IReadOnlyList<IStateTableSnapshot> tables, (TKey Key, long Time)[] timers)
        : base(backend.OperatorId, keyGroups)
    {
        _backend = backend;
        _tables = tables;
        _timers = timers;
    }

    public override long EntryCount => _tables.Sum(t => (long)t.Count);

    private protected override void Release()
    {
        foreach (var table in _tables)
        {
            table.Release();
        }
    }

    public override void WriteTo(Stream stream)
    {
        // Disposing it returns its pooled buffer and leaves the caller's stream open.
        using var output = new SnapshotOutput(stream);
        output.WriteInt32(Magic);
        output.WriteInt16(FormatVersion);
        output.WriteString(OperatorId);
        output.WriteInt32(KeyGroups.Start);
        output.WriteInt32(KeyGroups.End);
        output.WriteInt32(_tables.Count);
        foreach (var table in _tables)
        {
            table.WriteTo(output);
        }

        output.WriteInt32(_timers.Length);
        foreach (var (key, time) in _timers)
        {
            output.WriteInt32(_backend.KeyGroupOf(key));
            _backend.KeySerializer.WriteTo(output, key);
            output.WriteInt64(time);
        }

        output.Flush();
    }
}
