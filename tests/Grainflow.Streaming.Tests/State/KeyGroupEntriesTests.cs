using Grainflow.Streaming.State;

namespace Grainflow.Streaming.Tests.State;

/// <summary>One key group's hash table: the same answers as a Dictionary, and copies that share nothing.</summary>
public sealed class KeyGroupEntriesTests
{
    [Fact]
    public void RandomAddsUpdatesAndRemoves_AnswerAsADictionaryDoes()
    {
        // Int keys that are all multiples of 128 share their low bits, as the keys of one key group share the low
        // bits of their stable hash: the buckets must still spread them.
        var random = new Random(7);
        var entries = new KeyGroupEntries<int, int>();
        var expected = new Dictionary<int, int>();
        for (var step = 0; step < 50_000; step++)
        {
            var key = random.Next(3_000) * 128;
            if (random.Next(3) == 0)
            {
                Assert.Equal(expected.Remove(key), entries.Remove(key));
            }
            else
            {
                ref var slot = ref entries.GetValueRefOrAddDefault(key, out var exists);
                Assert.Equal(expected.ContainsKey(key), exists);
                Assert.Equal(exists ? expected[key] : 0, slot);
                slot = step;
                expected[key] = step;
            }
        }

        AssertSame(expected, entries);
        Assert.False(entries.TryGetValue(-128, out _));
        Assert.False(entries.ContainsKey(-128));
    }

    [Fact]
    public void StringKeys_AddedGrownAndRemoved_AnswerAsADictionaryDoes()
    {
        var entries = new KeyGroupEntries<string, long>();
        var expected = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < 10_000; i++)
        {
            entries.GetValueRefOrAddDefault("word" + i, out _) = i;
            expected["word" + i] = i;
        }

        for (var i = 0; i < 10_000; i += 3)
        {
            Assert.True(entries.Remove("word" + i));
            expected.Remove("word" + i);
        }

        AssertSame(expected, entries);
        Assert.False(entries.Remove("word0"));
    }

    [Fact]
    public void CopyFrom_ThenChangingEither_LeavesTheOtherAsItWas()
    {
        var source = Filled(Enumerable.Range(0, 1_000));
        var copy = new KeyGroupEntries<int, int>();
        copy.CopyFrom(source, copyValue: null);

        copy.GetValueRefOrAddDefault(1, out _) = -1;
        copy.Remove(2);
        copy.GetValueRefOrAddDefault(5_000, out _) = 5_000;
        source.GetValueRefOrAddDefault(3, out _) = -3;

        Assert.True(source.TryGetValue(1, out var one) && one == 1);
        Assert.True(source.ContainsKey(2));
        Assert.False(source.ContainsKey(5_000));
        Assert.True(copy.TryGetValue(3, out var three) && three == 3);
        Assert.Equal(1_000, source.Count);
        Assert.Equal(1_000, copy.Count);
    }

    [Fact]
    public void CopyFrom_IntoAnInstanceThatHeldMore_HoldsExactlyTheSourcesEntries()
    {
        var reused = Filled(Enumerable.Range(0, 1_000));
        var smaller = Filled(Enumerable.Range(2_000, 600));
        reused.CopyFrom(Filled(Enumerable.Range(0, 1_000).Select(i => i + 10_000)), copyValue: null);
        reused.CopyFrom(smaller, copyValue: null);

        AssertSame(Enumerable.Range(2_000, 600).ToDictionary(i => i, i => i), reused);
        Assert.False(reused.ContainsKey(10_000));
        Assert.False(reused.ContainsKey(0));
    }

    [Fact]
    public void CopyFrom_WithAValueCopy_CopiesEveryValue()
    {
        var source = new KeyGroupEntries<string, List<int>>();
        source.GetValueRefOrAddDefault("a", out _) = [1];
        source.GetValueRefOrAddDefault("b", out _) = [2];
        var copy = new KeyGroupEntries<string, List<int>>();
        copy.CopyFrom(source, value => [.. value]);

        Assert.True(copy.TryGetValue("a", out var a));
        a.Add(10);

        Assert.True(source.TryGetValue("a", out var original) && original.SequenceEqual([1]));
        Assert.True(copy.TryGetValue("b", out var b) && b.SequenceEqual([2]));
    }

    private static KeyGroupEntries<int, int> Filled(IEnumerable<int> keys)
    {
        var entries = new KeyGroupEntries<int, int>();
        foreach (var key in keys)
        {
            entries.GetValueRefOrAddDefault(key, out _) = key;
        }

        return entries;
    }

    private static void AssertSame<TKey, TValue>(Dictionary<TKey, TValue> expected, KeyGroupEntries<TKey, TValue> entries)
        where TKey : notnull
    {
        Assert.Equal(expected.Count, entries.Count);
        var enumerated = new Dictionary<TKey, TValue>();
        foreach (var (key, value) in entries)
        {
            enumerated.Add(key, value);
        }

        Assert.Equal(expected.OrderBy(e => e.Key), enumerated.OrderBy(e => e.Key));
        Assert.All(expected, e => Assert.True(entries.TryGetValue(e.Key, out var value) && Equals(value, e.Value)));
    }
}
