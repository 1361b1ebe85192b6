using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Grainflow.Benchmarks.Harness;
using Grainflow.Grains.WordCount;
using Grainflow.Streaming.Api;

namespace Grainflow.Benchmarks.Streaming;

/// <summary>
/// The child side of <see cref="ManyKeysProbe"/>, one process per measurement:
/// <list type="bullet">
/// <item><c>streaming-child-engine</c> runs wordcount over the many-keys input with the given checkpoint interval
/// (or none), sampling the keyed tasks' records, and reports its steady window, the checkpoints, its peak working
/// set and its live heap at the end (state still held).</item>
/// <item><c>streaming-child-dictionary</c> counts the same words into a <see cref="Dictionary{TKey, TValue}"/> and
/// reports the same memory figures.</item>
/// </list>
/// </summary>
internal static class ManyKeysChild
{
    public const string EngineMode = "streaming-child-engine";
    public const string DictionaryMode = "streaming-child-dictionary";

    public static bool IsMode(string mode) => mode is EngineMode or DictionaryMode;

    /// <summary>The arguments a child takes: the input, then for the engine its scratch directory and interval.</summary>
    public static IEnumerable<string> Arguments(WordInput input, string scratchDirectory, TimeSpan interval) =>
    [
        input.Path,
        input.Words.ToString(CultureInfo.InvariantCulture),
        input.DistinctWords.ToString(CultureInfo.InvariantCulture),
        input.ExpectedOutputBytes.ToString(CultureInfo.InvariantCulture),
        scratchDirectory,
        interval == Timeout.InfiniteTimeSpan ? "off" : interval.TotalMilliseconds.ToString(CultureInfo.InvariantCulture),
    ];

    public static async Task<int> RunAsync(string mode, IReadOnlyList<string> args)
    {
        if (args is not [var path, var wordsText, var distinctText, var outputText, var scratch, var intervalText]
            || !long.TryParse(wordsText, CultureInfo.InvariantCulture, out var words)
            || !int.TryParse(distinctText, CultureInfo.InvariantCulture, out var distinct)
            || !long.TryParse(outputText, CultureInfo.InvariantCulture, out var outputBytes)
            || !(intervalText == "off" || double.TryParse(intervalText, CultureInfo.InvariantCulture, out _)))
        {
            await Console.Error.WriteLineAsync($"Usage: {mode} <input> <words> <distinct words> <output bytes> <scratch directory> <interval ms|off>").ConfigureAwait(false);
            return 1;
        }

        var input = new WordInput(path, words, distinct, new FileInfo(path).Length, outputBytes);
        if (mode == DictionaryMode)
        {
            var counts = CountInDictionary(input);
            var heap = GC.GetTotalMemory(forceFullCollection: true);
            Console.WriteLine(ChildResult.Format([("peak", PeakMemory.PeakWorkingSetBytes()), ("heap", heap), ("keys", counts.Count)]));
            GC.KeepAlive(counts);
            return 0;
        }

        var interval = intervalText == "off" ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(double.Parse(intervalText, CultureInfo.InvariantCulture));
        long endHeap = 0;
        var gcPause = TimeSpan.Zero;
        var gen2 = 0;
        var run = await EngineWordCount.RunAsync(input, scratch, interval, sampleRecords: true, afterRun: () =>
        {
            // Read before the full collection below, which would count itself.
            gcPause = GC.GetTotalPauseDuration();
            gen2 = GC.CollectionCount(2);
            endHeap = GC.GetTotalMemory(forceFullCollection: true);
        }).ConfigureAwait(false);
        var window = CheckpointWindow.Of(run, firstRoundRecords: distinct);
        Console.WriteLine(ChildResult.Format(
        [
            ("peak", PeakMemory.PeakWorkingSetBytes()),
            ("heap", endHeap),
            ("gcPauseMs", gcPause.TotalMilliseconds),
            ("gen2", gen2),
            ("runSeconds", run.Elapsed.TotalSeconds),
            ("completed", run.CompletedCheckpoints),
            ("failed", run.FailedCheckpoints),
            ("windowRecords", window.Records),
            ("windowSeconds", window.Elapsed.TotalSeconds),
            ("windowCpuSeconds", window.CpuTime.TotalSeconds),
            ("windowCheckpoints", window.Checkpoints.Count),
            ("maxSynchronousMs", window.MaxSynchronous.TotalMilliseconds),
            ("maxKeyedSynchronousMs", window.MaxKeyedSynchronous.TotalMilliseconds),
            ("maxSourceSynchronousMs", window.MaxSourceSynchronous.TotalMilliseconds),
            ("maxAlignmentMs", window.MaxAlignment.TotalMilliseconds),
            ("maxAsynchronousMs", window.MaxAsynchronous.TotalMilliseconds),
            ("maxDurationMs", window.MaxDuration.TotalMilliseconds),
            ("maxStateBytes", window.MaxStateBytes),
        ]));
        return 0;
    }

    private static Dictionary<string, long> CountInDictionary(WordInput input)
    {
        var counts = new Dictionary<string, long>();
        var collector = new DictionaryCollector(counts);
        using var reader = new StreamReader(input.Path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), detectEncodingFromByteOrderMarks: false);
        while (reader.ReadLine() is { } line)
        {
            WordSplitter.Split(line, collector);
        }

        if (counts.Count != input.DistinctWords || counts.Values.Sum() != input.Words)
        {
            throw new InvalidOperationException($"Counted {counts.Values.Sum():#,0} words, {counts.Count:#,0} distinct; the input holds {input.Words:#,0}, {input.DistinctWords:#,0} distinct.");
        }

        return counts;
    }

    private sealed class DictionaryCollector(Dictionary<string, long> counts) : ICollector<string>
    {
        public void Collect(string record) => CollectionsMarshal.GetValueRefOrAddDefault(counts, record, out _)++;
    }
}
