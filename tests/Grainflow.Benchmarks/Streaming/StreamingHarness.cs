using System.Diagnostics;
using System.Reflection;
using System.Runtime;
using Grainflow.Benchmarks.Runtime.Harness;
using Grainflow.Grains.Streaming;
using Grainflow.Streaming.State;

namespace Grainflow.Benchmarks.Streaming;

/// <summary>
/// The stream engine's end-to-end harness: wordcount throughput with and without checkpoints, against a plain
/// single-threaded loop, the snapshot pause of a million keys, and peak memory against a plain dictionary; all
/// measured in one run and printed against the product's targets.
/// </summary>
internal static class StreamingHarness
{
    private const double CheckedThroughputTarget = 0.95;
    private const double EfficiencyTarget = 0.5;
    private const double SynchronousPauseTargetMs = 50;
    private const double MemoryRatioTarget = 2;
    private const int Seed = 20_240_601;

    private static readonly Stopwatch s_clock = new();

    /// <summary>Whether <paramref name="mode"/> (the first argument) belongs to this harness.</summary>
    public static bool IsMode(string mode) => mode is "streaming" or MemoryProbe.EngineMode or MemoryProbe.BaselineMode;

    public static async Task<int> RunAsync(string mode, IReadOnlyList<string> args)
    {
        if (mode != "streaming")
        {
            return await MemoryProbe.RunChildAsync(mode, args).ConfigureAwait(false);
        }

        if (!StreamingOptions.TryParse(args, out var options))
        {
            await Console.Error.WriteLineAsync(StreamingOptions.Usage).ConfigureAwait(false);
            return 1;
        }

        var optimized = new[] { typeof(SourceTaskGrain).Assembly, typeof(KeyedStateBackend<>).Assembly, typeof(StreamingHarness).Assembly }
            .All(a => !(a.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled ?? false));
        if (!optimized && !options.Quick)
        {
            await Console.Error.WriteLineAsync("The engine was built without optimizations; run with -c Release.").ConfigureAwait(false);
            return 2;
        }

        Console.WriteLine(
            $"Grainflow streaming harness{(options.Quick ? " (quick smoke run: figures are indicative only)" : "")}: " +
            $".NET {Environment.Version}, {Environment.ProcessorCount} cores, " +
            $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC, {(optimized ? "optimized" : "NOT optimized")}, " +
            $"wordcount parallelism {StreamingOptions.Parallelism}.");
        s_clock.Start();
        using var scratch = new ScratchDirectory("streaming");
        var figures = new List<Figure>();
        await MeasureThroughputAsync(options, scratch, figures).ConfigureAwait(false);
        await MeasureSnapshotAsync(options, scratch, figures).ConfigureAwait(false);
        await MeasureManyKeysAsync(options, scratch, figures).ConfigureAwait(false);

        Console.WriteLine();
        Console.Write(ResultTable.Format(figures));
        Console.WriteLine();
        Console.WriteLine($"Harness ran in {s_clock.Elapsed.TotalSeconds:0.0} s.");
        return 0;
    }

    private static async Task MeasureThroughputAsync(StreamingOptions options, ScratchDirectory scratch, List<Figure> figures)
    {
        Progress($"Generating {options.ThroughputWords:#,0} words over a Zipf vocabulary of {options.Vocabulary:#,0} words...");
        var input = WordInputGenerator.WriteZipf(scratch.Sub("zipf.txt"), options.ThroughputWords, options.Vocabulary, Seed);
        Progress($"  {input.Bytes / 1e6:0.0} MB, {input.DistinctWords:#,0} distinct words.");

        {
            Progress("Warm-up: one run of each configuration on a small input (JIT, tiered compilation)...");
            var warmUp = WordInputGenerator.WriteZipf(scratch.Sub("warm-up.txt"), options.ThroughputWords / 10, options.Vocabulary, Seed + 7);
            await EngineWordCount.RunAsync(warmUp, scratch.NewSub("warm-up"), StreamingOptions.CheckpointInterval).ConfigureAwait(false);
            await EngineWordCount.RunAsync(warmUp, scratch.NewSub("warm-up"), Timeout.InfiniteTimeSpan).ConfigureAwait(false);
            PlainWordCount.Run(warmUp, scratch.Sub("warm-up-plain.txt"));
        }

        var samples = new List<ThroughputSample>();
        for (var round = 1; round <= options.ThroughputRounds; round++)
        {
            // The order alternates between rounds so that drift of the machine favours neither configuration.
            EngineRunResult checkedRun, uncheckedRun;
            if (round % 2 == 1)
            {
                checkedRun = await RunEngineAsync(input, scratch, StreamingOptions.CheckpointInterval, round, options).ConfigureAwait(false);
                uncheckedRun = await RunEngineAsync(input, scratch, Timeout.InfiniteTimeSpan, round, options).ConfigureAwait(false);
            }
            else
            {
                uncheckedRun = await RunEngineAsync(input, scratch, Timeout.InfiniteTimeSpan, round, options).ConfigureAwait(false);
                checkedRun = await RunEngineAsync(input, scratch, StreamingOptions.CheckpointInterval, round, options).ConfigureAwait(false);
            }

            Collect();
            var plainPath = scratch.Sub("plain.txt");
            var plain = PlainWordCount.Run(input, plainPath);
            File.Delete(plainPath);
            Progress($"  round {round}/{options.ThroughputRounds}: plain loop {plain.WordsPerSecond / 1e6:0.00} M words/s ({plain.Elapsed.TotalSeconds:0.00} s, {plain.CpuNanosecondsPerWord:0} ns CPU/word)");
            foreach (var run in new[] { checkedRun, uncheckedRun })
            {
                if (run.OutputBytes != plain.OutputBytes)
                {
                    throw new InvalidOperationException($"The job committed {run.OutputBytes:#,0} bytes of output; the plain loop wrote {plain.OutputBytes:#,0}.");
                }
            }

            samples.Add(new ThroughputSample(checkedRun, uncheckedRun, plain));
        }

        // Ratios are taken per round (runs next to each other see the same load), then the median of the rounds.
        var rounds = $"median of {options.ThroughputRounds}";
        figures.Add(Figure.Info($"Wordcount, checkpoints every 1 s ({rounds})", Statistics.Median(samples.Select(s => s.Checked.WordsPerSecond)), "words/s"));
        figures.Add(Figure.Info($"Wordcount, periodic checkpoints off ({rounds})", Statistics.Median(samples.Select(s => s.Unchecked.WordsPerSecond)), "words/s"));
        figures.Add(Figure.Info($"Plain single-threaded loop ({rounds})", Statistics.Median(samples.Select(s => s.Plain.WordsPerSecond)), "words/s"));
        figures.Add(Figure.Info("Checkpoints completed per checked run (median, final one included)", Statistics.Median(samples.Select(s => (double)s.Checked.Checkpoints.Count)), "checkpoints"));
        figures.Add(Figure.Info("Run time, checked minus unchecked (median)", Statistics.Median(samples.Select(s => (s.Checked.Elapsed - s.Unchecked.Elapsed).TotalMilliseconds)), "ms"));
        figures.Add(Figure.Info("Source stalled at barriers, checked run (median)", Statistics.Median(samples.Select(s => s.Checked.SourceBarrierStall.TotalMilliseconds)), "ms"));
        figures.Add(Figure.Info("Source stalled at barriers, unchecked run (median)", Statistics.Median(samples.Select(s => s.Unchecked.SourceBarrierStall.TotalMilliseconds)), "ms"));
        figures.Add(Figure.Info("CPU time per word, checked run (median)", Statistics.Median(samples.Select(s => s.Checked.CpuNanosecondsPerWord)), "ns"));
        figures.Add(Figure.Info("CPU time per word, unchecked run (median)", Statistics.Median(samples.Select(s => s.Unchecked.CpuNanosecondsPerWord)), "ns"));
        figures.Add(Figure.Info("CPU time per word, plain loop (median)", Statistics.Median(samples.Select(s => s.Plain.CpuNanosecondsPerWord)), "ns"));
        figures.Add(Figure.Info("CPU time per word, checked / unchecked (median of paired rounds)", Statistics.Median(samples.Select(s => s.CheckedCpuRatio)), "x"));
        figures.Add(new Figure($"Checked / unchecked throughput ({rounds} paired rounds)", Statistics.Median(samples.Select(s => s.CheckedRatio)), "x", Target.AtLeast(CheckedThroughputTarget)));
        figures.Add(new Figure($"Efficiency: wordcount (checked) / plain loop ({rounds})", Statistics.Median(samples.Select(s => s.Efficiency)), "x", Target.AtLeast(EfficiencyTarget)));
        figures.Add(Figure.Info($"Efficiency: wordcount (unchecked) / plain loop ({rounds})", Statistics.Median(samples.Select(s => s.UncheckedEfficiency)), "x"));
        File.Delete(input.Path);
    }

    private static async Task<EngineRunResult> RunEngineAsync(WordInput input, ScratchDirectory scratch, TimeSpan interval, int round, StreamingOptions options)
    {
        Collect();
        var directory = scratch.NewSub("run");
        var run = await EngineWordCount.RunAsync(input, directory, interval).ConfigureAwait(false);
        Directory.Delete(directory, recursive: true);
        var name = interval == Timeout.InfiniteTimeSpan ? "checkpoints off " : "checkpoints 1 s ";
        Progress(
            $"  round {round}/{options.ThroughputRounds}: {name} {run.WordsPerSecond / 1e6:0.00} M words/s ({run.Elapsed.TotalSeconds:0.00} s, " +
            $"{run.Checkpoints.Count} checkpoints, source stalled {run.SourceBarrierStall.TotalMilliseconds:0} ms at barriers, {run.CpuNanosecondsPerWord:0} ns CPU/word)");
        return run;
    }

    private static async Task MeasureSnapshotAsync(StreamingOptions options, ScratchDirectory scratch, List<Figure> figures)
    {
        Progress($"Snapshot of {options.SnapshotKeys:#,0} keys on the state backend ({options.SnapshotRounds} rounds)...");
        Collect();
        var summary = await SnapshotProbe.MeasureAsync(options.SnapshotKeys, options.SnapshotRounds, scratch.NewSub("snapshot")).ConfigureAwait(false);
        Progress($"  capture {summary.Synchronous.TotalMilliseconds:0.0} ms, write {summary.Asynchronous.TotalMilliseconds:0.0} ms, {summary.Bytes / 1e6:0.0} MB");
        var keys = $"{summary.Keys:#,0} keys";
        figures.Add(new Figure($"Snapshot sync pause, backend, {keys} (median)", summary.Synchronous.TotalMilliseconds, "ms", Target.Below(SynchronousPauseTargetMs)));
        figures.Add(Figure.Info($"Snapshot sync pause, backend, {keys} (max)", summary.MaxSynchronous.TotalMilliseconds, "ms"));
        figures.Add(Figure.Info("GC pause inside a capture (max)", summary.MaxGcPauseInCapture.TotalMilliseconds, "ms"));
        figures.Add(Figure.Info($"Snapshot async write, backend, {keys} (median)", summary.Asynchronous.TotalMilliseconds, "ms"));
        figures.Add(Figure.Info($"Snapshot total, backend, {keys} (median)", summary.Total.TotalMilliseconds, "ms"));
        figures.Add(Figure.Info($"Snapshot bytes, backend, {keys}", summary.Bytes, "B"));
    }

    private static async Task MeasureManyKeysAsync(StreamingOptions options, ScratchDirectory scratch, List<Figure> figures)
    {
        Progress($"Generating {options.MemoryKeys:#,0} distinct words x {StreamingOptions.OccurrencesPerKey}...");
        var input = WordInputGenerator.WriteDistinct(scratch.Sub("distinct.txt"), options.MemoryKeys, StreamingOptions.OccurrencesPerKey, Seed + 1);
        var samples = new List<MemorySample>();
        for (var run = 1; run <= options.MemoryRuns; run++)
        {
            var sample = await MemoryProbe.MeasureAsync(input, scratch.FullPath).ConfigureAwait(false);
            Progress(
                $"  run {run}/{options.MemoryRuns}: engine peak {sample.EnginePeakBytes / 1e6:0} MB (heap {sample.EngineHeapBytes / 1e6:0} MB, " +
                $"{sample.EngineWordsPerSecond / 1e6:0.00} M words/s, {sample.EngineCheckpoints.Checkpoints} checkpoints, max sync {sample.EngineCheckpoints.MaxSynchronousMs:0.0} ms); " +
                $"dictionary peak {sample.BaselinePeakBytes / 1e6:0} MB (heap {sample.BaselineHeapBytes / 1e6:0} MB)");
            samples.Add(sample);
        }

        var keys = $"{options.MemoryKeys:#,0} keys";
        var maxSync = samples.Max(s => s.EngineCheckpoints.MaxSynchronousMs);
        figures.Add(new Figure($"Job-reported max sync pause, {keys}, {StreamingOptions.Parallelism} tasks", maxSync, "ms", Target.Below(SynchronousPauseTargetMs)));
        figures.Add(Figure.Info("Engine process: GC pause total, whole run (median)", Statistics.Median(samples.Select(s => s.EngineGcPauseMs)), "ms"));
        figures.Add(Figure.Info("Engine process: gen-2 collections (median)", Statistics.Median(samples.Select(s => (double)s.EngineGen2Collections)), "count"));
        figures.Add(Figure.Info("Job-reported max alignment", samples.Max(s => s.EngineCheckpoints.MaxAlignmentMs), "ms"));
        figures.Add(Figure.Info("Job-reported max async upload", samples.Max(s => s.EngineCheckpoints.MaxAsynchronousMs), "ms"));
        figures.Add(Figure.Info("Job-reported max checkpoint duration", samples.Max(s => s.EngineCheckpoints.MaxDurationMs), "ms"));
        figures.Add(Figure.Info($"Job-reported final checkpoint bytes, {keys}", samples[^1].EngineCheckpoints.FinalStateBytes, "B"));
        figures.Add(Figure.Info($"Peak working set, wordcount, {keys} (median)", Statistics.Median(samples.Select(s => (double)s.EnginePeakBytes)) / 1e6, "MB"));
        figures.Add(Figure.Info($"Peak working set, Dictionary<string,long>, {keys} (median)", Statistics.Median(samples.Select(s => (double)s.BaselinePeakBytes)) / 1e6, "MB"));
        figures.Add(Figure.Info("Live heap at end, wordcount / dictionary (median)", Statistics.Median(samples.Select(s => s.EngineHeapBytes / (double)s.BaselineHeapBytes)), "x"));
        figures.Add(new Figure("Peak memory: wordcount / dictionary", Statistics.Median(samples.Select(s => s.Ratio)), "x", Target.AtMost(MemoryRatioTarget)));
        File.Delete(input.Path);
    }

    private static void Progress(string message) => Console.WriteLine($"[{s_clock.Elapsed.TotalSeconds,6:0.0} s] {message}");

    private static void Collect()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
    }
}
