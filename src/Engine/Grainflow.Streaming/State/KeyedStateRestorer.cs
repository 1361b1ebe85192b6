using System.Text;

namespace Grainflow.Streaming.State;

/// <summary>Reads a snapshot written by <see cref="KeyedStateSnapshot{TKey}"/> back into a backend.</summary>
internal static class KeyedStateRestorer
{
    public static void Restore<TKey>(Stream stream, KeyedStateBackend<TKey> backend, Func<string, IRestorableTable<TKey>?> tableNamed)
        where TKey : notnull
    {
        // Not disposed: the caller owns the stream.
        var buffered = new BufferedStream(stream, 1 << 16);
        using var reader = new BinaryReader(buffered, Encoding.UTF8, leaveOpen: true);
        if (reader.ReadInt32() != KeyedStateSnapshot.Magic)
        {
            throw new InvalidDataException("Not a Grainflow keyed state snapshot.");
        }

        var version = reader.ReadInt16();
        if (version is not (KeyedStateSnapshot.FormatVersion or KeyedStateSnapshot.KeyValuePairsVersion or KeyedStateSnapshot.PerEntryKeyGroupVersion))
        {
            throw new InvalidDataException(
                $"The keyed state snapshot is of format version {version}; this build reads versions {KeyedStateSnapshot.PerEntryKeyGroupVersion} " +
                $"to {KeyedStateSnapshot.FormatVersion}. Restore it with the Grainflow version that wrote it.");
        }

        var operatorId = reader.ReadString();
        if (operatorId != backend.OperatorId)
        {
            throw new InvalidDataException($"The snapshot is of operator '{operatorId}', not '{backend.OperatorId}'.");
        }

        _ = reader.ReadInt32();
        _ = reader.ReadInt32();
        var tableCount = reader.ReadInt32();
        for (var t = 0; t < tableCount; t++)
        {
            var name = reader.ReadString();
            var table = tableNamed(name) ?? throw new InvalidDataException(
                $"The snapshot of operator '{backend.OperatorId}' holds state '{name}', which the operator does not register.");
            switch (version)
            {
                case KeyedStateSnapshot.PerEntryKeyGroupVersion:
                    RestorePerEntryKeyGroups(reader, backend, table);
                    break;
                case KeyedStateSnapshot.KeyValuePairsVersion:
                    RestoreKeyValuePairs(reader, backend, table);
                    break;
                default:
                    RestoreKeyBlocks(reader, backend, table);
                    break;
            }
        }

        var timerCount = reader.ReadInt32();
        for (var i = 0; i < timerCount; i++)
        {
            var keyGroup = reader.ReadInt32();
            var key = backend.KeySerializer.Read(reader);
            var time = reader.ReadInt64();
            if (backend.KeyGroups.Contains(keyGroup))
            {
                backend.Timers.Register(key, time);
            }
        }

        // Reading to the end is what lets a verifying stream check the file's length and checksum.
        Span<byte> rest = stackalloc byte[4096];
        while (buffered.Read(rest) > 0)
        {
        }
    }

    private static void RestoreKeyBlocks<TKey>(BinaryReader reader, KeyedStateBackend<TKey> backend, IRestorableTable<TKey> table)
        where TKey : notnull
    {
        var groups = reader.ReadInt32();
        var keys = new List<TKey>();
        for (var g = 0; g < groups; g++)
        {
            var keyGroup = reader.ReadInt32();
            var keep = backend.KeyGroups.Contains(keyGroup);
            var count = reader.ReadInt32();
            keys.Clear();
            for (var i = 0; i < count; i++)
            {
                keys.Add(backend.KeySerializer.Read(reader));
            }

            foreach (var key in keys)
            {
                table.RestoreEntry(reader, key, keyGroup, keep);
            }
        }
    }

    private static void RestoreKeyValuePairs<TKey>(BinaryReader reader, KeyedStateBackend<TKey> backend, IRestorableTable<TKey> table)
        where TKey : notnull
    {
        var groups = reader.ReadInt32();
        for (var g = 0; g < groups; g++)
        {
            var keyGroup = reader.ReadInt32();
            var keep = backend.KeyGroups.Contains(keyGroup);
            var count = reader.ReadInt32();
            for (var i = 0; i < count; i++)
            {
                table.RestoreEntry(reader, backend.KeySerializer.Read(reader), keyGroup, keep);
            }
        }
    }

    private static void RestorePerEntryKeyGroups<TKey>(BinaryReader reader, KeyedStateBackend<TKey> backend, IRestorableTable<TKey> table)
        where TKey : notnull
    {
        var count = reader.ReadInt32();
        for (var i = 0; i < count; i++)
        {
            var keyGroup = reader.ReadInt32();
            var key = backend.KeySerializer.Read(reader);
            table.RestoreEntry(reader, key, keyGroup, backend.KeyGroups.Contains(keyGroup));
        }
    }
}
