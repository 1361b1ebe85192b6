namespace Grainflow.Benchmarks.Calls;

/// <summary>
/// <see cref="ImmutableWordBatch"/> without <see cref="ImmutableAttribute"/>: Orleans deep-copies it on every call,
/// even inside one silo (new batch, new arrays; the strings themselves are immutable and shared).
/// </summary>
[GenerateSerializer]
public sealed class CopiedWordBatch(string[] words, int[] keyGroups)
{
    [Id(0)]
    public string[] Words { get; } = words;

    [Id(1)]
    public int[] KeyGroups { get; } = keyGroups;
}
