using System.Diagnostics;
using System.Text;
using Grainflow.Benchmarks.Harness;
using Grainflow.Grains.WordCount;
using Grainflow.Streaming.Api;

namespace Grainflow.Benchmarks.Streaming.Idiomatic;

/// <summary>
/// Wordcount as an Orleans user would write it without Grainflow: a reader splits the lines with the job's own
/// <see cref="WordSplitter"/> and calls <see cref="IWordCounterGrain.IncrementAsync"/> on each word's grain, a batch of
/// <see cref="WordsInFlight"/> words at a time (awaited together), writing each returned running count as the job's
/// "word&lt;TAB&gt;count" line; the grains keep their counts on memory grain storage (<c>AddMemoryGrainStorage</c>).
/// One silo in this process, started before the clock starts; the output is flushed to disk at the end.
/// </summary>
internal static class IdiomaticWordCount
{
    /// <summary>Calls in flight at once: the engine's batch size, so the reader is not held back by one call's latency.</summary>
    public const int WordsInFlight = 1024;

    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static async Task<PlainRunResult> RunAsync(WordInput input, string outputPath)
    {
        await using var silo = await BenchmarkSilo.StartAsync(silo => silo.AddMemoryGrainStorage(WordCounterGrain.StorageName)).ConfigureAwait(false);
        var grains = silo.GrainFactory;

        var cpuBefore = Environment.CpuUsage.TotalTime;
        var started = Stopwatch.GetTimestamp();
        var words = new List<string>(WordsInFlight);
        var collector = new ListCollector(words);
        var counts = new Task<long>[WordsInFlight];
        var line = new char[256];
        long total = 0;
        long outputBytes;
        await using (var output = new FileStream(outputPath, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 1, useAsync: false))
        {
            await using (var writer = new StreamWriter(output, s_utf8, bufferSize: 64 * 1024))
            {
                using var reader = new StreamReader(input.Path, s_utf8, detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024);
                while (true)
                {
                    var text = await reader.ReadLineAsync().ConfigureAwait(false);
                    if (text is not null)
                    {
                        WordSplitter.Split(text, collector);
                    }

                    if (words.Count >= WordsInFlight || (text is null && words.Count > 0))
                    {
                        await CountAsync(grains, words, counts, writer, line).ConfigureAwait(false);
                        total += words.Count;
                        words.Clear();
                    }

                    if (text is null)
                    {
                        break;
                    }
                }

                await writer.FlushAsync().ConfigureAwait(false);
                output.Flush(flushToDisk: true);
                outputBytes = output.Length;
            }
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        var cpu = Environment.CpuUsage.TotalTime - cpuBefore;
        if (total != input.Words || outputBytes != input.ExpectedOutputBytes)
        {
            throw new InvalidOperationException(
                $"The idiomatic wordcount counted {total:#,0} words and wrote {outputBytes:#,0} bytes; the input holds {input.Words:#,0} and its output is {input.ExpectedOutputBytes:#,0} bytes.");
        }

        return new PlainRunResult(elapsed, cpu, total, outputBytes);
    }

    private static async Task CountAsync(IGrainFactory grains, List<string> words, Task<long>[] counts, StreamWriter writer, char[] line)
    {
        // A line of the longest possible split can exceed the batch: the batch is as long as the words collected.
        if (counts.Length < words.Count)
        {
            counts = new Task<long>[words.Count];
        }

        for (var i = 0; i < words.Count; i++)
        {
            counts[i] = grains.GetGrain<IWordCounterGrain>(words[i]).IncrementAsync();
        }

        for (var i = 0; i < words.Count; i++)
        {
            var length = WordCountLine.Format(new WordCountLine(words[i], await counts[i].ConfigureAwait(false)), line);
            writer.Write(line, 0, length);
            writer.Write('\n');
        }
    }

    private sealed class ListCollector(List<string> words) : ICollector<string>
    {
        public void Collect(string record) => words.Add(record);
    }
}
