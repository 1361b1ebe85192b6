using Grainflow.Streaming.KeyGroups;
using Grainflow.Streaming.State;

namespace Grainflow.Streaming.Tests.State;

public sealed class KeyedStateBackendTests
{
    private const int MaxParallelism = 128;
    private static readonly KeyGroupRange s_all = new(0, MaxParallelism - 1);

    [Fact]
    public void Restore_StateChangedBetweenCaptureAndWrite_GivesStateAtCapture()
    {
        var backend = NewBackend("count-op", s_all);
        var count = backend.GetValueState<long>("count");
        var seen = backend.GetMapState<string, int>("seen");
        Put(backend, "a", () => { count.Update(1); seen.Put("x", 10); backend.Timers.Register("a", 100); });
        Put(backend, "b", () => { count.Update(2); seen.Put("y", 20); backend.Timers.Register("b", 200); });

        var snapshot = backend.CaptureSnapshot();
        Put(backend, "a", () => { count.Update(99); seen.Put("x", 11); seen.Put("z", 30); });
        Put(backend, "b", () => { count.Clear(); seen.Clear(); });
        Put(backend, "c", () => { count.Update(3); seen.Put("w", 40); backend.Timers.Register("c", 300); });
        backend.Timers.Delete("a", 100);
        var restored = NewBackend("count-op", s_all);
        restored.GetValueState<long>("count");
        restored.GetMapState<string, int>("seen");
        RoundTrip(snapshot, restored);

        Assert.Equal(2, restored.CountOf("count"));
        Assert.Equal(2, restored.CountOf("seen"));
        Assert.Equal(1, Read<long>(restored, "count", "a"));
        Assert.Equal(2, Read<long>(restored, "count", "b"));
        Assert.False(restored.TryRead<long>("count", "c", out _));
        Assert.Equal(new Dictionary<string, int> { ["x"] = 10 }, Read<Dictionary<string, int>>(restored, "seen", "a"));
        Assert.Equal(new Dictionary<string, int> { ["y"] = 20 }, Read<Dictionary<string, int>>(restored, "seen", "b"));
        Assert.Equal([("a", 100L), ("b", 200L)], TakeAllTimers(restored));
        Assert.Equal(4, snapshot.EntryCount);
    }

    [Fact]
    public void Restore_TaskOwningPartOfTheKeyGroups_KeepsOnlyItsKeyGroups()
    {
        var backend = NewBackend("count-op", s_all);
        var count = backend.GetValueState<long>("count");
        var keys = Enumerable.Range(0, 300).Select(i => "key" + i).ToList();
        foreach (var (key, i) in keys.Select((k, i) => (k, i)))
        {
            Put(backend, key, () => count.Update(i));
            backend.Timers.Register(key, 1_000 + i);
        }

        var snapshot = backend.CaptureSnapshot();
        var restoredKeys = new List<string>();
        for (var task = 0; task < 3; task++)
        {
            var range = KeyGroupAssignment.RangeFor(task, MaxParallelism, 3);
            var part = NewBackend("count-op", range);
            part.GetValueState<long>("count");
            RoundTrip(snapshot, part);
            var owned = keys.Where(k => range.Contains(KeyGroupOf(k))).ToList();

            Assert.NotEmpty(owned);
            Assert.Equal(owned.Count, part.CountOf("count"));
            Assert.All(owned, k => Assert.Equal(keys.IndexOf(k), Read<long>(part, "count", k)));
            Assert.Equal(owned.Select(k => (k, 1_000L + keys.IndexOf(k))).Order(), TakeAllTimers(part).Order());
            restoredKeys.AddRange(owned);
        }

        Assert.Equal(keys.Order(StringComparer.Ordinal), restoredKeys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Restore_SnapshotOfAnotherOperator_ThrowsNamingBoth()
    {
        var backend = NewBackend("count-op", s_all);
        var count = backend.GetValueState<long>("count");
        Put(backend, "a", () => count.Update(1));
        var snapshot = backend.CaptureSnapshot();
        var other = NewBackend("other-op", s_all);
        other.GetValueState<long>("count");

        var exception = Assert.Throws<InvalidDataException>(() => RoundTrip(snapshot, other));

        Assert.Contains("'count-op'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("'other-op'", exception.Message, StringComparison.Ordinal);
        Assert.Equal(0, other.CountOf("count"));
    }

    [Fact]
    public void Restore_StateNobodyRegistered_ThrowsNamingTheState()
    {
        var backend = NewBackend("count-op", s_all);
        var count = backend.GetValueState<long>("count");
        Put(backend, "a", () => count.Update(1));

        var exception = Assert.Throws<InvalidDataException>(() => RoundTrip(backend.CaptureSnapshot(), NewBackend("count-op", s_all)));

        Assert.Contains("'count'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CaptureSnapshot_MutableValueChangedInPlaceAfterCapture_SnapshotKeepsCapturedValue()
    {
        var backend = NewBackend("lists", s_all);
        var items = backend.GetValueState<List<string>>("items");
        var seen = backend.GetMapState<string, int>("seen");
        Put(backend, "a", () => { items.Update(["one"]); seen.Put("x", 1); });

        var snapshot = backend.CaptureSnapshot();
        Put(backend, "a", () => { items.Value!.Add("two"); seen.Put("x", 2); seen.Put("y", 3); });
        var target = NewBackend("lists", s_all);
        target.GetValueState<List<string>>("items");
        target.GetMapState<string, int>("seen");
        RoundTrip(snapshot, target);

        Assert.Equal(["one"], Read<List<string>>(target, "items", "a"));
        Assert.Equal(new Dictionary<string, int> { ["x"] = 1 }, Read<Dictionary<string, int>>(target, "seen", "a"));
        Assert.Equal(["one", "two"], Read<List<string>>(backend, "items", "a"));
    }

    private static KeyedStateBackend<string> NewBackend(string operatorId, KeyGroupRange range) =>
        new(operatorId, range, MaxParallelism, KeyHashers.For<string>());

    private static int KeyGroupOf(string key) => KeyGroupAssignment.KeyGroupFor(StableHash.Hash(key.AsSpan()), MaxParallelism);

    private static void Put(KeyedStateBackend<string> backend, string key, Action update)
    {
        backend.CurrentKey = key;
        update();
    }

    private static void RoundTrip(KeyedStateSnapshot snapshot, KeyedStateBackend<string> target)
    {
        using var stream = new MemoryStream();
        snapshot.WriteTo(stream);
        stream.Position = 0;
        target.Restore(stream);
    }

    private static T Read<T>(KeyedStateBackend<string> backend, string state, string key)
    {
        Assert.True(backend.TryRead<T>(state, key, out var value), $"no '{state}' value for key '{key}'");
        return value;
    }

    private static List<(string Key, long Time)> TakeAllTimers(KeyedStateBackend<string> backend)
    {
        var timers = new List<(string, long)>();
        while (backend.Timers.TryTakeDue(long.MaxValue, out var key, out var time))
        {
            timers.Add((key, time));
        }

        return timers;
    }
}
