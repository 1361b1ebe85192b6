using System.Diagnostics;
using System.Globalization;
using System.Text;
using Grainflow.Grains.WordCount;
using Grainflow.Streaming.Api;

namespace Grainflow.Benchmarks.Streaming;

/// <summary>
/// Peak memory of wordcount holding many keys against the least any program holding them needs. Each side runs in
/// its own child process (this executable, re-launched with a hidden mode) so neither inherits the other's heap:
/// <list type="bullet">
/// <item><c>streaming-memory-engine</c> runs the job on the many-keys input, checkpointing every second, and reports
/// its peak working set, its live heap at the end (state still held) and the checkpoints the job reported.</item>
/// <item><c>streaming-memory-baseline</c> reads the same file and counts the same words into a
/// <see cref="Dictionary{TKey, TValue}"/>, and reports the same.</item>
/// </list>
/// </summary>
internal static class MemoryProbe
{
    public const string EngineMode = "streaming-memory-engine";
    public const string BaselineMode = "streaming-memory-baseline";
    private static readonly TimeSpan s_childDeadline = TimeSpan.FromMinutes(10);

    public static async Task<MemorySample> MeasureAsync(WordInput input, string scratchDirectory)
    {
        var engine = await RunChildAsync(EngineMode, input, scratchDirectory).ConfigureAwait(false);
        var baseline = await RunChildAsync(BaselineMode, input, scratchDirectory).ConfigureAwait(false);
        return new MemorySample(
            (long)engine["peak"],
            (long)engine["heap"],
            engine["wordsPerSecond"],
            JobCheckpointFigures.From(engine),
            engine["gcPauseMs"],
            (int)engine["gen2"],
            (long)baseline["peak"],
            (long)baseline["heap"]);
    }

    /// <summary>The child side: runs <paramref name="mode"/> on the input the arguments describe and prints its RESULT line.</summary>
    public static async Task<int> RunChildAsync(string mode, IReadOnlyList<string> args)
    {
        if (args is not [var path, var wordsText, var distinctText, var scratch]
            || !long.TryParse(wordsText, CultureInfo.InvariantCulture, out var words)
            || !int.TryParse(distinctText, CultureInfo.InvariantCulture, out var distinct))
        {
            await Console.Error.WriteLineAsync($"Usage: {mode} <input> <words> <distinct words> <scratch directory>").ConfigureAwait(false);
            return 1;
        }

        var input = new WordInput(path, words, distinct, new FileInfo(path).Length);
        if (mode == EngineMode)
        {
            long heap = 0;
            var gcPause = TimeSpan.Zero;
            var gen2 = 0;
            var run = await EngineWordCount.RunAsync(input, scratch, StreamingOptions.CheckpointInterval, afterRun: () =>
            {
                // Read before the full collection below, which would count itself.
                gcPause = GC.GetTotalPauseDuration();
                gen2 = GC.CollectionCount(2);
                heap = GC.GetTotalMemory(forceFullCollection: true);
            }).ConfigureAwait(false);
            Console.WriteLine(ChildResult.Format(
                [
                    ("peak", PeakMemory.PeakWorkingSetBytes()),
                    ("heap", heap),
                    ("wordsPerSecond", run.WordsPerSecond),
                    ("gcPauseMs", gcPause.TotalMilliseconds),
                    ("gen2", gen2),
                    .. JobCheckpointFigures.Of(run).ToValues(),
                ]));
        }
        else
        {
            var counts = CountInDictionary(input);
            var heap = GC.GetTotalMemory(forceFullCollection: true);
            Console.WriteLine(ChildResult.Format([("peak", PeakMemory.PeakWorkingSetBytes()), ("heap", heap), ("keys", counts.Count)]));
            GC.KeepAlive(counts);
        }

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

        if (counts.Count != input.DistinctWords)
        {
            throw new InvalidOperationException($"Counted {counts.Count:#,0} distinct words; the input holds {input.DistinctWords:#,0}.");
        }

        return counts;
    }

    private static async Task<ChildResult> RunChildAsync(string mode, WordInput input, string scratchDirectory)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath ?? throw new InvalidOperationException("No process path."))
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };

        // Under "dotnet Grainflow.Benchmarks.dll" the process is the dotnet host, which needs the assembly again.
        if (Path.GetFileNameWithoutExtension(start.FileName).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(typeof(MemoryProbe).Assembly.Location);
        }

        var childScratch = Path.Combine(scratchDirectory, $"{mode}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(childScratch);
        foreach (var argument in new[] { mode, input.Path, input.Words.ToString(CultureInfo.InvariantCulture), input.DistinctWords.ToString(CultureInfo.InvariantCulture), childScratch })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {mode}.");
        using var deadline = new CancellationTokenSource(s_childDeadline);
        ChildResult? result = null;
        while (await process.StandardOutput.ReadLineAsync(deadline.Token).ConfigureAwait(false) is { } line)
        {
            if (!ChildResult.TryParse(line, out result))
            {
                Console.WriteLine($"    [{mode}] {line}");
            }
        }

        await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        Directory.Delete(childScratch, recursive: true);
        return process.ExitCode == 0 && result is not null
            ? result
            : throw new InvalidOperationException($"{mode} exited with code {process.ExitCode} without a result.");
    }

    private sealed class DictionaryCollector(Dictionary<string, long> counts) : ICollector<string>
    {
        public void Collect(string record) => System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(counts, record, out _)++;
    }
}
