namespace Grainflow.Benchmarks.Calls;

/// <summary>
/// A batch of keyed words shaped like the engine's <c>RecordBatch&lt;string&gt;</c> (records and their key
/// groups), marked <see cref="ImmutableAttribute"/>: inside a silo Orleans passes it by reference.
/// <see cref="CopiedWordBatch"/> is the same type without the mark.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed class ImmutableWordBatch(string[] words, int[] keyGroups)
{
    [Id(0)]
    public string[] Words { get; } = words;

    [Id(1)]
    public int[] KeyGroups { get; } = keyGroups;
}
