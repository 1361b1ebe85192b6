using System.Text;
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
        // Neither wrapper is disposed: disposing them would close the caller's stream.
        var buffered = new BufferedStream(stream, 1 << 16);
        var writer = new BinaryWriter(buffered, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(OperatorId);
        writer.Write(KeyGroups.Start);
        writer.Write(KeyGroups.End);
        writer.Write(_tables.Count);
        foreach (var table in _tables)
        {
            table.WriteTo(writer);
        }

        writer.Write(_timers.Length);
        foreach (var (key, time) in _timers)
        {
            writer.Write(_backend.KeyGroupOf(key));
            _backend.KeySerializer.Write(writer, key);
            writer.Write(time);
        }

        writer.Flush();
        buffered.Flush();
    }
}
