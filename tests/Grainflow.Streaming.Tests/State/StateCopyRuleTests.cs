using Grainflow.Streaming.KeyGroups;
using Grainflow.Streaming.State;

namespace Grainflow.Streaming.Tests.State;

/// <summary>The copy rule per state kind, and types the snapshot serializer would not round-trip refused at registration.</summary>
public sealed class StateCopyRuleTests
{
    private static readonly KeyGroupRange s_all = new(0, 127);

    [Fact]
    public void CaptureSnapshot_MapValueMutatedInPlaceAfterCapture_SnapshotKeepsCapturedValue()
    {
        var backend = NewBackend();
        var lists = backend.GetMapState<string, List<int>>("lists");
        backend.CurrentKey = "a";
        lists.Put("x", [1]);

        var snapshot = backend.CaptureSnapshot();
        Assert.True(lists.TryGetValue("x", out var live));
        live.Add(2);
        var restored = NewBackend();
        restored.GetMapState<string, List<int>>("lists");
        RoundTrip(snapshot, restored);

        Assert.True(restored.TryRead<Dictionary<string, List<int>>>("lists", "a", out var map));
        Assert.Equal([1], map["x"]);
    }

    [Fact]
    public void CaptureSnapshot_StructHoldingArrayMutatedAfterCapture_SnapshotKeepsCapturedValue()
    {
        var backend = NewBackend();
        var holder = backend.GetValueState<Holder>("holder");
        backend.CurrentKey = "a";
        holder.Update(new Holder { Values = [1, 2] });

        var snapshot = backend.CaptureSnapshot();
        holder.Value.Values[0] = 9;
        var restored = NewBackend();
        restored.GetValueState<Holder>("holder");
        RoundTrip(snapshot, restored);

        Assert.True(restored.TryRead<Holder>("holder", "a", out var value));
        Assert.Equal([1, 2], value.Values);
    }

    [Fact]
    public void GetValueState_PropertyWithPrivateSetter_ThrowsNotSupportedNamingIt()
    {
        var error = Assert.Throws<NotSupportedException>(() => NewBackend().GetValueState<Tally>("tally"));

        Assert.Equal(
            $"State 'tally' of operator op: {typeof(Tally).FullName} cannot be kept in snapshotted state: its property "
            + "'Total' has neither a setter nor a constructor parameter, so it would restore as its default. Give it a "
            + "setter (init is enough) or a constructor parameter of the same name.",
            error.Message);
    }

    [Fact]
    public void GetMapState_ValueWithPublicField_ThrowsNotSupportedNamingIt()
    {
        var error = Assert.Throws<NotSupportedException>(() => NewBackend().GetMapState<string, Hits>("hits"));

        Assert.Contains($"{typeof(Hits).FullName} cannot be kept in snapshotted state: its field 'Count' is not written to JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetValueState_RecordWithConstructorParameters_RoundTrips()
    {
        var backend = NewBackend();
        var point = backend.GetValueState<Point>("point");
        backend.CurrentKey = "a";
        point.Update(new Point(3, 4));
        var restored = NewBackend();
        restored.GetValueState<Point>("point");

        RoundTrip(backend.CaptureSnapshot(), restored);

        Assert.True(restored.TryRead<Point>("point", "a", out var value));
        Assert.Equal(new Point(3, 4), value);
    }

    [Theory]
    [InlineData(typeof(long), true)]
    [InlineData(typeof(DateTimeOffset?), true)]
    [InlineData(typeof(ImmutablePair), true)]
    [InlineData(typeof(Holder), false)]
    [InlineData(typeof(Point), false)]
    public void IsImmutable_Type_FollowsTheRule(Type type, bool immutable) =>
        Assert.Equal(immutable, StateCopyRule.IsImmutable(type));

    private static KeyedStateBackend<string> NewBackend() => new("op", s_all, 128, KeyHashers.For<string>());

    private static void RoundTrip(KeyedStateSnapshot snapshot, KeyedStateBackend<string> target)
    {
        using var stream = new MemoryStream();
        snapshot.WriteTo(stream);
        stream.Position = 0;
        target.Restore(stream);
    }

    public struct Holder
    {
        public int[] Values { get; set; }
    }

    public readonly record struct ImmutablePair(int Left, string Right);

    public sealed record Point(int X, int Y);

    public sealed class Tally
    {
        public int Total { get; private set; }

        public void Add(int amount) => Total += amount;
    }

    public sealed class Hits
    {
#pragma warning disable CA1051 // the public field is the point of the test
        public int Count;
#pragma warning restore CA1051
    }
}
