namespace Grainflow.Benchmarks.Streaming;

/// <summary>
/// A generated input file: its path, how many words it holds, how many of them are distinct (after lower-casing),
/// its size, and the size of wordcount's output for it (one "word&lt;TAB&gt;running count" line per word), against which
/// every run's output is checked.
/// </summary>
internal sealed record WordInput(string Path, long Words, int DistinctWords, long Bytes, long ExpectedOutputBytes);
