using System.Globalization;
using System.Text;
using Grainflow.Benchmarks.Harness;
using Grainflow.Grains.WordCount;
using Grainflow.Streaming.Api;
using Microsoft.Extensions.DependencyInjection;

namespace Grainflow.Benchmarks.Crash.Idiomatic;

/// <summary>
/// The hidden child mode <c>crash-child-idiomatic &lt;input&gt; &lt;output file&gt; &lt;announce after words&gt;</c>: wordcount
/// as an Orleans application without Grainflow, in a process of its own so that it can be killed. A one-silo cluster
/// with memory grain storage; a reader splits the input's lines with the job's own <see cref="WordSplitter"/> and
/// calls each word's <see cref="IAppendingWordCounterGrain"/>, <see cref="WordsInFlight"/> calls at a time (awaited
/// together), as the throughput comparison's reader does. It always reads from the input's start: it has nowhere to
/// keep a position, and the counts it would resume against die with the process anyway.
/// </summary>
internal static class IdiomaticCrashChild
{
    public const string Mode = "crash-child-idiomatic";

    /// <summary>Printed once, when at least the announced number of words has been counted (and written).</summary>
    public const string CountedMarker = "[idiomatic] counted ";

    /// <summary>Printed when the whole input has been counted.</summary>
    public const string DoneMarker = "[idiomatic] done";

    private const int WordsInFlight = 1024;
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static IEnumerable<string> Arguments(string input, string outputFile, long announceAfterWords) =>
        [Mode, input, outputFile, announceAfterWords.ToString(CultureInfo.InvariantCulture)];

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        if (args is not [var input, var outputFile, var announceText] || !long.TryParse(announceText, CultureInfo.InvariantCulture, out var announceAfter))
        {
            await Console.Error.WriteLineAsync($"Usage: {Mode} <input> <output file> <announce after words>").ConfigureAwait(false);
            return 1;
        }

        await using var silo = await BenchmarkSilo.StartAsync(silo =>
        {
            silo.AddMemoryGrainStorage(AppendingWordCounterGrain.StorageName);
            silo.Services.AddSingleton(_ => new WordCountOutputFile(outputFile));
        }).ConfigureAwait(false);

        var words = new List<string>(WordsInFlight);
        var collector = new ListCollector(words);
        var calls = new List<Task>(WordsInFlight);
        var announced = false;
        long counted = 0;
        using var reader = new StreamReader(input, s_utf8, detectEncodingFromByteOrderMarks: false);
        while (true)
        {
            var line = await reader.ReadLineAsync().ConfigureAwait(false);
            if (line is not null)
            {
                WordSplitter.Split(line, collector);
            }

            if (words.Count >= WordsInFlight || (line is null && words.Count > 0))
            {
                calls.AddRange(words.Select(word => silo.GrainFactory.GetGrain<IAppendingWordCounterGrain>(word).IncrementAsync()));
                await Task.WhenAll(calls).ConfigureAwait(false);
                counted += words.Count;
                calls.Clear();
                words.Clear();
                if (!announced && counted >= announceAfter)
                {
                    Console.WriteLine($"{CountedMarker}{counted:#,0} words");
                    announced = true;
                }
            }

            if (line is null)
            {
                break;
            }
        }

        Console.WriteLine($"{DoneMarker}: {counted:#,0} words counted");
        return 0;
    }

    private sealed class ListCollector(List<string> words) : ICollector<string>
    {
        public void Collect(string record) => words.Add(record);
    }
}
