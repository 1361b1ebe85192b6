using System.Globalization;
using System.Text;
using Grainflow.Grains.Jobs;
using Grainflow.Grains.WordCount;
using Grainflow.Silo.Hosting;
using Grainflow.Streaming.Execution;
using Grainflow.Streaming.Sinks;

namespace Grainflow.Silo.Jobs;

/// <summary>
/// What <c>grainflow-silo</c> does without a command: generates a text, runs the wordcount job on embedded
/// defaults (local checkpoints every 200 ms, in temporary directories), shows progress and checkpoints, and
/// prints the most frequent words from the committed output.
/// </summary>
internal static class WordCountDemo
{
    public const string Description = "Without a command, runs the wordcount job on a generated text in temporary directories.";

    private const int Words = 2_000_000;
    private const int TopWords = 10;

    private static readonly string[] s_vocabulary =
    [
        "grain", "silo", "stream", "barrier", "checkpoint", "state", "key", "group", "snapshot", "sink", "source",
        "offset", "epoch", "commit", "recovery", "exactly", "once", "turn", "activation", "timer", "operator",
    ];

    public static async Task<int> RunAsync(SiloSettings silo, TextWriter output, CancellationToken cancellationToken)
    {
        var root = Path.Combine(Path.GetTempPath(), $"grainflow-demo-{Environment.ProcessId}");
        try
        {
            var input = Path.Combine(root, "input.txt");
            try
            {
                await GenerateAsync(input, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return await WordCountRun.ReportAsync(
                    new JobOutcome(JobEndKind.Interrupted, "Stopped by a signal while the demo's input was generated.", 0, 0), output, bounded: true);
            }

            await output.WriteLineAsync($"[demo] generated {Words:N0} words in {input}");

            var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [WordCountJob.InputParameter] = input,
                [WordCountJob.OutputParameter] = Path.Combine(root, "output"),
                [WordCountJob.ParallelismParameter] = WordCountSettings.DefaultParallelism.ToString(CultureInfo.InvariantCulture),
            };
            var spec = new JobSpec(
                WordCountJob.DefinitionName,
                WordCountJob.JobId,
                parameters,
                CheckpointLocation.Directory(Path.Combine(root, "checkpoints")),
                new JobOptions { CheckpointInterval = TimeSpan.FromMilliseconds(200) });
            var outcome = await StreamJobHost.RunAsync(silo, spec, configureGrainflow: null, output, cancellationToken);
            var exitCode = await WordCountRun.ReportAsync(outcome, output, bounded: true);

            // Not the caller's token: after a signal the words committed so far are still worth a look.
            if (Directory.Exists(Path.Combine(root, "output")))
            {
                await PrintTopWordsAsync(Path.Combine(root, "output"), output, CancellationToken.None);
            }
            return exitCode;
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    private static async Task GenerateAsync(string path, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var random = new Random(42);
        await using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        for (var i = 0; i < Words; i++)
        {
            // A skewed choice, so that the top words differ clearly.
            var index = (int)(s_vocabulary.Length * Math.Pow(random.NextDouble(), 2.5));
            var word = s_vocabulary[index];
            await writer.WriteAsync(i % 7 == 0 ? word.ToUpperInvariant() : word);
            await writer.WriteAsync(i % 12 == 11 ? '\n' : ' ');
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private static async Task PrintTopWordsAsync(string outputDirectory, TextWriter output, CancellationToken cancellationToken)
    {
        var totals = new Dictionary<string, long>(StringComparer.Ordinal);
        await foreach (var line in CommittedOutputReader.ReadLinesAsync(outputDirectory, cancellationToken))
        {
            var tab = line.LastIndexOf('\t');
            var count = long.Parse(line.AsSpan(tab + 1), CultureInfo.InvariantCulture);
            var word = line[..tab];
            totals[word] = Math.Max(totals.GetValueOrDefault(word), count);
        }

        await output.WriteLineAsync($"[demo] top {TopWords} words of {totals.Count} distinct:");
        foreach (var (word, count) in totals.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(TopWords))
        {
            await output.WriteLineAsync($"  {word,-12} {count,10:N0}");
        }
    }
}
