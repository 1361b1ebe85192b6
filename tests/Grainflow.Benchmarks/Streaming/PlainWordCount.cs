using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using Grainflow.Grains.WordCount;
using Grainflow.Streaming.Api;

namespace Grainflow.Benchmarks.Streaming;

/// <summary>
/// The limit the engine is compared with: one thread reading the same file line by line, splitting and
/// lower-casing with the job's own <see cref="WordSplitter"/>, counting into a <see cref="Dictionary{TKey, TValue}"/>
/// and writing the same "word&lt;TAB&gt;running count" line per word with the job's own formatter, flushed to disk
/// at the end as the job's final checkpoint does.
/// </summary>
internal static class PlainWordCount
{
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static PlainRunResult Run(WordInput input, string outputPath)
    {
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var started = Stopwatch.GetTimestamp();
        var counts = new Dictionary<string, long>();
        long outputBytes;
        using (var output = new FileStream(outputPath, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 1))
        using (var writer = new StreamWriter(output, s_utf8, bufferSize: 64 * 1024))
        {
            var collector = new CountingWriter(counts, writer);
            using var reader = new StreamReader(input.Path, s_utf8, detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024);
            while (reader.ReadLine() is { } line)
            {
                WordSplitter.Split(line, collector);
            }

            writer.Flush();
            output.Flush(flushToDisk: true);
            outputBytes = output.Length;
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        var cpu = Environment.CpuUsage.TotalTime - cpuBefore;
        var words = counts.Values.Sum();
        if (words != input.Words || counts.Count != input.DistinctWords || outputBytes != input.ExpectedOutputBytes)
        {
            throw new InvalidOperationException(
                $"The plain loop counted {words:#,0} words ({counts.Count:#,0} distinct) and wrote {outputBytes:#,0} bytes; " +
                $"the input holds {input.Words:#,0} ({input.DistinctWords:#,0} distinct) and its output is {input.ExpectedOutputBytes:#,0} bytes.");
        }

        return new PlainRunResult(elapsed, cpu, words, outputBytes);
    }

    private sealed class CountingWriter(Dictionary<string, long> counts, StreamWriter writer) : ICollector<string>
    {
        private readonly char[] _line = new char[256];

        public void Collect(string record)
        {
            ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(counts, record, out _);
            count++;
            var length = WordCountLine.Format(new WordCountLine(record, count), _line);
            if (length < 0)
            {
                throw new InvalidOperationException($"A generated word is longer than {_line.Length} characters.");
            }

            writer.Write(_line.AsSpan(0, length));
            writer.Write('\n');
        }
    }
}
