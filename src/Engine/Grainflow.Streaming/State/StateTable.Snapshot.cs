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

        return new Snapshot(this, groups, count);
    }

    // Writes a key group's keys: the bytes an earlier snapshot encoded when no key came or went since (the common case:
    // a job that keeps updating the same keys), else encoded afresh. Measured at a million string keys, encoding them
    // was most of a snapshot's cost, every checkpoint. A group's keys are kept encoded only once a snapshot finds them
    // as the previous one left them, so a group whose keys change at every checkpoint costs no allocation. Snapshot
    // writers call this on any thread, several at once: each slot holds an immutable record, replaced whole.
    private void WriteKeys(SnapshotOutput output, int keyGroup, KeyGroupEntries<TKey, T> entries)
    {
        ref var slot = ref _encodedKeys[keyGroup - _backend.KeyGroups.Start];
        var layout = entries.KeyLayout;
        var seen = Volatile.Read(ref slot);
        var unchanged = seen is not null && ReferenceEquals(seen.Layout.Lineage, layout.Lineage) && seen.Layout.Changes == layout.Changes;
        if (unchanged && seen!.Bytes is { } cached)
        {
            output.Write(cached);
            return;
        }

        if (!unchanged)
        {
            foreach (var (key, _) in entries)
            {
                _backend.KeySerializer.WriteTo(output, key);
            }

            Volatile.Write(ref slot, new EncodedKeys(layout, null));
            return;
        }

        var bytes = new MemoryStream();
        using (var keysOutput = new SnapshotOutput(bytes))
        {
            foreach (var (key, _) in entries)
            {
                _backend.KeySerializer.WriteTo(keysOutput, key);
            }

            keysOutput.Flush();
        }

        var encoded = bytes.ToArray();
        Volatile.Write(ref slot, new EncodedKeys(layout, encoded));
        output.Write(encoded);
    }

    // A key group's keys as a snapshot found them (their layout) and, once found unchanged, encoded.
    private sealed record EncodedKeys((object Lineage, long Changes) Layout, byte[]? Bytes);

    private sealed class Snapshot(StateTable<TKey, T> table, List<(int KeyGroup, KeyGroupEntries<TKey, T> Entries, ShardHold Hold)> groups, int count)
        : IStateTableSnapshot
    {
        private List<(int KeyGroup, KeyGroupEntries<TKey, T> Entries, ShardHold Hold)>? _groups = groups;

        public string Name => table.Name;

        public int Count => count;

        // Format version 3: the table's name, its key groups' count, then per key group its number, its entries'
        // count, its keys and its values (same order). Nothing else touches these tables until Release: the task
        // copies a held one before changing it.
        public void WriteTo(SnapshotOutput output)
        {
            var groups = _groups ?? throw new ObjectDisposedException($"The snapshot of state '{table.Name}' was released.");
            output.WriteString(table.Name);
            output.WriteInt32(groups.Count);
            foreach (var (keyGroup, entries, _) in groups)
            {
                output.WriteInt32(keyGroup);
                output.WriteInt32(entries.Count);
                table.WriteKeys(output, keyGroup, entries);
                foreach (var (_, value) in entries)
                {
                    table._serializer.WriteTo(output, value);
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
