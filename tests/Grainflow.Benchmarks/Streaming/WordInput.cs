namespace Grainflow.Benchmarks.Streaming;

/// <summary>A generated input file: its path, how many words it holds and how many of them are distinct (after lower-casing).</summary>
internal sealed record WordInput(string Path, long Words, int DistinctWords, long Bytes);
