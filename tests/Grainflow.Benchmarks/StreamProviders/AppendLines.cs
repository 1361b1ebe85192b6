using Grainflow.Benchmarks.Streaming;

namespace Grainflow.Benchmarks.StreamProviders;

/// <summary>
/// What the append probes send: one event is one line string of <see cref="WordsPerLine"/> words (about 35
/// characters), taken in turn from a fixed seeded set, so that producing an event costs no allocation of its own.
/// </summary>
internal static class AppendLines
{
    public const int WordsPerLine = 5;
    private const int LineCount = 4096;
    // Every batch full: a shorter one would make the events per call of a configuration vary.
    private const int BatchCount = LineCount / StreamsOptions.EventsPerBatch;
    private static readonly string[] s_lines = Create();
    private static readonly string[][] s_batches = [.. Enumerable.Range(0, BatchCount).Select(b => s_lines.Skip(b * StreamsOptions.EventsPerBatch).Take(StreamsOptions.EventsPerBatch).ToArray())];

    public static string Line(long index) => s_lines[index % LineCount];

    /// <summary>A batch of <see cref="StreamsOptions.EventsPerBatch"/> lines.</summary>
    public static IReadOnlyList<string> Batch(long index) => s_batches[index % BatchCount];

    private static string[] Create()
    {
        var vocabulary = WordInputGenerator.Vocabulary(10_000, seed: 7);
        var random = new Random(8);
        return [.. Enumerable.Range(0, LineCount).Select(_ => string.Join(' ', Enumerable.Range(0, WordsPerLine).Select(_ => vocabulary[random.Next(vocabulary.Length)])))];
    }
}
