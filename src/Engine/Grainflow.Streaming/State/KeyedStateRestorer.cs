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
        if (reader.ReadInt32() != KeyedStateSnapshot.Magic || reader.ReadInt16() != KeyedStateSnapshot.FormatVersion)
        {
            throw new InvalidDataException("Not a Grainflow keyed state snapshot of format version 1.");
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
            var count = reader.ReadInt32();
            for (var i = 0; i < count; i++)
            {
                var keyGroup = reader.ReadInt32();
                var key = backend.KeySerializer.Read(reader);
                table.RestoreEntry(reader, key, backend.KeyGroups.Contains(keyGroup));
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
}
