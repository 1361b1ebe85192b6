using Grainflow.Streaming.KeyGroups;

namespace Grainflow.Benchmarks.Calls;

/// <summary>The batches the call benchmarks send: <see cref="Size"/> distinct words with their key groups, the same content in both kinds.</summary>
internal static class WordBatches
{
    /// <summary>Records per batch: a quarter of the engine's default batch size, as the issue asks.</summary>
    public const int Size = 256;

    public static (ImmutableWordBatch Immutable, CopiedWordBatch Copied) Create(int seed)
    {
        var words = new string[Size];
        var keyGroups = new int[Size];
        var random = new Random(seed);
        for (var i = 0; i < Size; i++)
        {
            words[i] = $"word{random.Next(1_000_000):D6}";
            keyGroups[i] = KeyGroupAssignment.KeyGroupFor(Grainflow.Streaming.KeyGroups.StableHash.Hash(words[i]), KeyGroupAssignment.DefaultMaxParallelism);
        }

        return (new ImmutableWordBatch(words, keyGroups), new CopiedWordBatch((string[])words.Clone(), (int[])keyGroups.Clone()));
    }
}
