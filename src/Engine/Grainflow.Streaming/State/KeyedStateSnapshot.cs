using Grainflow.Streaming.KeyGroups;

namespace Grainflow.Streaming.State;

/// <summary>
/// The captured state of one operator task at a barrier, written out later, off the task's turn.
/// Format (version 3): magic, version, operator id, key-group range, then each table (name, number of key groups,
/// then per key group its number, its entries' count, all its keys and then all its values, in the same order), then
/// the timers (count, entries of key group, key, UTC ticks). Entries are grouped by key group so that a later
/// rescale can split a snapshot by range and the writer never hashes a key; a key group's keys come as one block so
/// that a snapshot can write the block the previous one encoded when no key came or went. Versions 1 (every entry
/// carrying its own key group) and 2 (key, value pairs per key group) are still read.
/// </summary>
public abstract class KeyedStateSnapshot : IDisposable
{
    internal const int Magic = 0x53534647; // "GFSS" little-endian
    internal const short FormatVersion = 3;

    /// <summary>The version before entries were grouped by key group; still restored.</summary>
    internal const short PerEntryKeyGroupVersion = 1;

    /// <summary>The version with key, value pairs per key group; still restored.</summary>
    internal const short KeyValuePairsVersion = 2;

    private protected KeyedStateSnapshot(string operatorId, KeyGroupRange keyGroups)
    {
        OperatorId = operatorId;
        KeyGroups = keyGroups;
    }

    /// <summary>The operator the state belongs to.</summary>
    public string OperatorId { get; }

    /// <summary>The key groups covered.</summary>
    public KeyGroupRange KeyGroups { get; }

    /// <summary>The number of entries captured across every table.</summary>
    public abstract long EntryCount { get; }

    /// <summary>Writes the snapshot to <paramref name="stream"/> (leaves it open); may be called more than once until disposed.</summary>
    public abstract void WriteTo(Stream stream);

    /// <summary>Releases the buffers the capture rented; the snapshot cannot be written afterwards.</summary>
    public void Dispose()
    {
        Release();
        GC.SuppressFinalize(this);
    }

    private protected abstract void Release();
}
