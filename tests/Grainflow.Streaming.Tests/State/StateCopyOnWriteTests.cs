using Grainflow.Streaming.KeyGroups;
using Grainflow.Streaming.State;

namespace Grainflow.Streaming.Tests.State;

/// <summary>Capture shares each key group's entries with the snapshot; the task copies a group before changing it.</summary>
public sealed class StateCopyOnWriteTests
{
    private const int MaxParallelism = 128;
    private static readonly KeyGroupRange s_all = new(0, MaxParallelism - 1);

    [Fact]
    public void CaptureSnapshot_TwoSnapshotsOverlapping_EachKeepsItsOwnState()
    {
        var backend = NewBackend(s_all);
        var count = backend.GetValueState<long>("count");
        var keys = Enumerable.Range(0, 500).Select(i => "k" + i).ToList();
        SetAll(backend, count, keys, 1);
        using var first = backend.CaptureSnapshot();
        SetAll(backend, count, keys.Take(250), 2);
        using var second = backend.CaptureSnapshot();

        // The second is written and released first: the groups both share must stay untouched for the first.
        var secondState = RestoredCounts(second, keys);
        second.Dispose();
        SetAll(backend, count, keys, 3);
        var firstState = RestoredCounts(first, keys);

        Assert.All(keys, k => Assert.Equal(1, firstState[k]));
        Assert.All(keys, (k, i) => Assert.Equal(i < 250 ? 2 : 1, secondState[k]));
        Assert.All(keys, k => Assert.True(backend.TryRead<long>("count", k, out var live) && live == 3));
    }

    [Fact]
    public void CaptureSnapshot_ManyCheckpointsReusingReleasedCopies_EachSnapshotKeepsItsRound()
    {
        var backend = NewBackend(s_all);
        var count = backend.GetValueState<long>("count");
        var keys = Enumerable.Range(0, 300).Select(i => "k" + i).ToList();
        var written = new List<Dictionary<string, long>>();
        for (var round = 1; round <= 4; round++)
        {
            SetAll(backend, count, keys.Take(100 * (1 + (round % 3))), round);
            using var snapshot = backend.CaptureSnapshot();
            SetAll(backend, count, keys, -round);
            written.Add(RestoredCounts(snapshot, keys));
        }

        Assert.Equal([1L, 1L], written[0].Where(e => e.Key is "k0" or "k150" or "k250").OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => e.Value));
        Assert.Equal([2L, 2L, 2L], written[1].Where(e => e.Key is "k0" or "k150" or "k250").OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => e.Value));
        Assert.Equal([3L, -2L, -2L], written[2].Where(e => e.Key is "k0" or "k150" or "k250").OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => e.Value));
        Assert.Equal([4L, 4L, -3L], written[3].Where(e => e.Key is "k0" or "k150" or "k250").OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => e.Value));
        Assert.Equal([200, 300, 300, 300], written.Select(w => w.Count));
        Assert.All(keys, k => Assert.True(backend.TryRead<long>("count", k, out var live) && live == -4));
    }

    [Fact]
    public void CaptureSnapshot_KeysAddedAndRemovedAfterCapture_CountFollowsLiveStateAndSnapshotKeepsItsKeys()
    {
        var backend = NewBackend(s_all);
        var count = backend.GetValueState<long>("count");
        SetAll(backend, count, ["a", "b", "c"], 1);
        using var snapshot = backend.CaptureSnapshot();
        backend.CurrentKey = "a";
        count.Clear();
        backend.CurrentKey = "zz";
        count.Clear();
        SetAll(backend, count, ["d", "e"], 1);

        var restored = RestoredCounts(snapshot, ["a", "b", "c", "d", "e"]);

        Assert.Equal(4, backend.CountOf("count"));
        Assert.Equal(3, snapshot.EntryCount);
        Assert.Equal(["a", "b", "c"], restored.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void CaptureSnapshot_KeysKeptEncodedBetweenSnapshots_EachSnapshotPairsEveryKeyWithItsOwnValue()
    {
        // Snapshots reuse a key group's encoded keys while no key comes or goes: values change every round, keys are
        // removed (which moves another key into the hole) and added between some rounds, and every snapshot must
        // still restore exactly the state of its own round.
        var backend = NewBackend(s_all);
        var count = backend.GetValueState<long>("count");
        var live = new Dictionary<string, long>();
        var random = new Random(11);
        for (var round = 1; round <= 8; round++)
        {
            foreach (var key in Enumerable.Range(0, 400).Select(i => "k" + i).Where(_ => random.Next(4) > 0 || round == 1))
            {
                backend.CurrentKey = key;
                count.Update((round * 1_000) + random.Next(1_000));
                live[key] = count.Value;
            }

            if (round is 4 or 6)
            {
                foreach (var key in live.Keys.Where((_, i) => i % 7 == 0).ToList())
                {
                    backend.CurrentKey = key;
                    count.Clear();
                    live.Remove(key);
                }
            }

            if (round == 5)
            {
                SetAll(backend, count, ["new1", "new2"], 5);
                live["new1"] = live["new2"] = 5;
            }

            using var snapshot = backend.CaptureSnapshot();
            var restored = RestoredCounts(snapshot, [.. Enumerable.Range(0, 400).Select(i => "k" + i), "new1", "new2"]);

            Assert.Equal(live.OrderBy(e => e.Key, StringComparer.Ordinal), restored.OrderBy(e => e.Key, StringComparer.Ordinal));
            Assert.Equal(live.Count, (int)snapshot.EntryCount);
        }
    }

    [Fact]
    public void CurrentKey_KeyOfAGroupTheTaskDoesNotOwn_ThrowsNamingTheGroups()
    {
        var range = KeyGroupAssignment.RangeFor(0, MaxParallelism, 2);
        var backend = NewBackend(range);
        var foreign = Enumerable.Range(0, 100).Select(i => "k" + i).First(k => !range.Contains(KeyGroupOf(k)));

        var error = Assert.Throws<ArgumentException>(() => backend.CurrentKey = foreign);

        Assert.StartsWith($"Key '{foreign}' is of key group {KeyGroupOf(foreign)}, which operator op's task (key groups 0-63) does not own.", error.Message, StringComparison.Ordinal);
    }

    private static KeyedStateBackend<string> NewBackend(KeyGroupRange range) => new("op", range, MaxParallelism, KeyHashers.For<string>());

    private static int KeyGroupOf(string key) => KeyGroupAssignment.KeyGroupFor(StableHash.Hash(key.AsSpan()), MaxParallelism);

    private static void SetAll(KeyedStateBackend<string> backend, ValueState<long> count, IEnumerable<string> keys, long value)
    {
        foreach (var key in keys)
        {
            backend.CurrentKey = key;
            count.Update(value);
        }
    }

    private static Dictionary<string, long> RestoredCounts(KeyedStateSnapshot snapshot, IEnumerable<string> keys)
    {
        using var file = new MemoryStream();
        snapshot.WriteTo(file);
        file.Position = 0;
        var restored = NewBackend(s_all);
        restored.GetValueState<long>("count");
        restored.Restore(file);
        return keys.Where(k => restored.TryRead<long>("count", k, out _)).ToDictionary(k => k, k => restored.TryRead<long>("count", k, out var v) ? v : 0);
    }
}
