using System.Text;
using Grainflow.Streaming.KeyGroups;
using Grainflow.Streaming.State;

namespace Grainflow.Streaming.Tests.State;

/// <summary>The snapshot file formats: version 3 is written, versions 1 (a key group per entry) and 2 (pairs per key group) still restored, others refused.</summary>
public sealed class KeyedStateSnapshotFormatTests
{
    private const int MaxParallelism = 128;
    private static readonly KeyGroupRange s_all = new(0, MaxParallelism - 1);
    private static readonly List<string> s_countedKeys = Enumerable.Range(0, 50).Select(i => "key" + i).ToList();

    [Fact]
    public void Restore_FormatVersion1File_RestoresEntriesOfOwnedKeyGroupsAndTimers()
    {
        var range = KeyGroupAssignment.RangeFor(0, MaxParallelism, 2);

        var backend = RestoreCounts(FormatVersion1("count-op", "count", CountEntries(), [("key3", 300L)]), range);

        AssertHoldsTheCountsOf(range, backend);
        Assert.Equal(range.Contains(KeyGroupOf("key3")) ? 1 : 0, backend.Timers.Count);
    }

    [Fact]
    public void Restore_FormatVersion2File_RestoresEntriesOfOwnedKeyGroups()
    {
        var range = KeyGroupAssignment.RangeFor(1, MaxParallelism, 2);

        var backend = RestoreCounts(FormatVersion2("count-op", "count", CountEntries()), range);

        AssertHoldsTheCountsOf(range, backend);
    }

    [Fact]
    public void Restore_UnknownFormatVersion_ThrowsNamingTheVersions()
    {
        using var file = new MemoryStream();
        using (var writer = new BinaryWriter(file, Encoding.UTF8, leaveOpen: true))
        {
            WriteMagicAndVersion(writer, 7);
        }

        file.Position = 0;
        var backend = new KeyedStateBackend<string>("count-op", s_all, MaxParallelism, KeyHashers.For<string>());

        var error = Assert.Throws<InvalidDataException>(() => backend.Restore(file));

        Assert.Equal(
            "The keyed state snapshot is of format version 7; this build reads versions 1 to 3. Restore it with the Grainflow version that wrote it.",
            error.Message);
    }

    [Fact]
    public void WriteTo_LongAndNonAsciiStrings_RoundTrip()
    {
        var backend = new KeyedStateBackend<string>("texts", s_all, MaxParallelism, KeyHashers.For<string>());
        var texts = backend.GetValueState<string>("text");
        var values = new Dictionary<string, string>
        {
            ["short"] = "é✓",
            ["long key " + new string('k', 200)] = new string('ü', 30_000),
            ["huge"] = new string('x', 100_000),
        };
        foreach (var (key, value) in values)
        {
            backend.CurrentKey = key;
            texts.Update(value);
        }

        var restored = new KeyedStateBackend<string>("texts", s_all, MaxParallelism, KeyHashers.For<string>());
        restored.GetValueState<string>("text");
        using (var snapshot = backend.CaptureSnapshot())
        {
            using var file = new MemoryStream();
            snapshot.WriteTo(file);
            file.Position = 0;
            restored.Restore(file);
        }

        Assert.All(values, pair => Assert.True(restored.TryRead<string>("text", pair.Key, out var value) && value == pair.Value));
        Assert.Equal(3, restored.CountOf("text"));
    }

    private static int KeyGroupOf(string key) => KeyGroupAssignment.KeyGroupFor(StableHash.Hash(key.AsSpan()), MaxParallelism);

    // Key i counts i.
    private static List<(string Key, long Value)> CountEntries() => s_countedKeys.Select((key, i) => (key, (long)i)).ToList();

    private static KeyedStateBackend<string> RestoreCounts(byte[] file, KeyGroupRange range)
    {
        var backend = new KeyedStateBackend<string>("count-op", range, MaxParallelism, KeyHashers.For<string>());
        backend.GetValueState<long>("count");
        backend.Restore(new MemoryStream(file));
        return backend;
    }

    // The backend holds the count of every key of its key groups (and of no other key).
    private static void AssertHoldsTheCountsOf(KeyGroupRange range, KeyedStateBackend<string> backend)
    {
        var owned = s_countedKeys.Where(k => range.Contains(KeyGroupOf(k))).ToList();
        Assert.NotEmpty(owned);
        Assert.Equal(owned.Count, backend.CountOf("count"));
        Assert.All(owned, k => Assert.True(backend.TryRead<long>("count", k, out var value) && value == s_countedKeys.IndexOf(k)));
    }

    private static void WriteMagicAndVersion(BinaryWriter writer, short version)
    {
        writer.Write(0x53534647);
        writer.Write(version);
    }

    // What versions 1 and 2 begin with: the operator, its key groups (all of them here) and its one state's name.
    private static void WriteHeader(BinaryWriter writer, short version, string operatorId, string state)
    {
        WriteMagicAndVersion(writer, version);
        writer.Write(operatorId);
        writer.Write(0);
        writer.Write(MaxParallelism - 1);
        writer.Write(1);
        writer.Write(state);
    }

    // A file as format version 2 wrote it: per key group its number, its count and then key, value pairs.
    private static byte[] FormatVersion2(string operatorId, string state, List<(string Key, long Value)> entries)
    {
        using var file = new MemoryStream();
        using var writer = new BinaryWriter(file, Encoding.UTF8);
        WriteHeader(writer, 2, operatorId, state);
        var groups = entries.GroupBy(e => KeyGroupOf(e.Key)).ToList();
        writer.Write(groups.Count);
        foreach (var group in groups)
        {
            writer.Write(group.Key);
            writer.Write(group.Count());
            foreach (var (key, value) in group)
            {
                writer.Write(key);
                writer.Write(value);
            }
        }

        writer.Write(0);
        writer.Flush();
        return file.ToArray();
    }

    // A file as format version 1 wrote it: every entry with its own key group.
    private static byte[] FormatVersion1(string operatorId, string state, List<(string Key, long Value)> entries, List<(string Key, long Time)> timers)
    {
        using var file = new MemoryStream();
        using var writer = new BinaryWriter(file, Encoding.UTF8);
        WriteHeader(writer, 1, operatorId, state);
        writer.Write(entries.Count);
        foreach (var (key, value) in entries)
        {
            writer.Write(KeyGroupOf(key));
            writer.Write(key);
            writer.Write(value);
        }

        writer.Write(timers.Count);
        foreach (var (key, time) in timers)
        {
            writer.Write(KeyGroupOf(key));
            writer.Write(key);
            writer.Write(time);
        }

        writer.Flush();
        return file.ToArray();
    }
}
