namespace Grainflow.Streaming.State;

/// <summary>The table's part of a checkpoint: the capture at the barrier and the snapshot written off the task's turn.</summary>
internal sealed partial class StateTable<TKey, T>
{
    public IStateTableSnapshot Capture()
    {
        // The synchronous part of a checkpoint: no entry is copied, only each non-empty key group's table is
        // handed to the snapshot and marked held, so the pause does not grow with the state.
        var groups = new List<(int KeyGroup, KeyGroupEntries<TKey, T> Entries, ShardHold Hold)>();
        var count = 0;
        for (var index = 0; index < _shards.Length; index++)
        {
            if (_shards[index] is not { Count: > 0 } shard)
            {
                continue;
            }

            if (_holds[index] is not { } hold || !hold.TryAddHolder())
            {
                hold = _holds[index] = new ShardHold();
            }

            groups.Add((_backend.KeyGroups.Start + index, shard, hold));
            count += shard.Count;
        }

        return new Snapshot(Name, groups, count, _backend, _serializer);
    }

    private sealed class Snapshot(
        string name, List<(int KeyGroup, KeyGroupEntries<TKey, T> Entries, ShardHold Hold)> groups, int count, KeyedStateBackend<TKey> backend, IStateSerializer<T> serializer)
        : IStateTableSnapshot
    {
        private List<(int KeyGroup, KeyGroupEntries<TKey, T> Entries, ShardHold Hold)>? _groups = groups;

        public string Name => name;

        public int Count => count;

        // Format version 2: the table's name, its key groups' count, then per key group its number, its entries'
        // count and the entries (key, value). Nothing else touches these tables until Release: the task copies
        // a held one before changing it.
        public void WriteTo(SnapshotOutput output)
        {
            var groups = _groups ?? throw new ObjectDisposedException($"The snapshot of state '{name}' was released.");
            var keySerializer = backend.KeySerializer;
            output.WriteString(name);
            output.WriteInt32(groups.Count);
            foreach (var (keyGroup, entries, _) in groups)
            {
                output.WriteInt32(keyGroup);
                output.WriteInt32(entries.Count);
                foreach (var (key, value) in entries)
                {
                    keySerializer.WriteTo(output, key);
                    serializer.WriteTo(output, value);
                }
            }
        }

        public void Release()
        {
            if (Interlocked.Exchange(ref _groups, null) is { } groups)
            {
                foreach (var (_, _, hold) in groups)
                {
                    hold.Release();
                }
            }
        }
    }
}
