using Grainflow.Benchmarks.Harness;
using Grainflow.Benchmarks.Streaming.Idiomatic;
using Grainflow.Grains.Streaming;
using Grainflow.Streaming.State;

namespace Grainflow.Benchmarks.Streaming;

/// <summary>
/// The stream engine's end-to-end harness on Orleans: wordcount against a plain single-threaded loop and against
/// the grain-per-word version an Orleans user would write; the snapshot pause of a million keys on the state
/// backend; and, with a million keys of state, the job with checkpoints every second against checkpoints off over a
/// steady window of at least <see cref="StreamingOptions.MinWindowCheckpoints"/> checkpoints, its longest synchronous
/// pause, and its peak memory against a plain dictionary. All measured in one run and printed against the targets.
/// </summary>
internal static class StreamingHarness
{
    private const double CheckedThroughputTarget = 0.95;
    private const double EfficiencyTarget = 0.5;
    private const double IdiomaticTarget = 5;
    private const double SynchronousPauseTargetMs = 50;
    private const double MemoryRatioTarget = 2;
    private const int Seed = 20_240_601;

    // The job's rate with a million keys was about this share of its rate on the Zipf input in two full runs here
    // (0.50 and 0.57). The many-keys input is sized from the larger of that estimate and a calibration run: on this
    // shared machine a build next door can halve one short run, and an input sized from that halved rate leaves the
    // real runs too short a window.
    private const double ManyKeysRateShare = 0.55;

    /// <summary>Whether <paramref name="mode"/> (the first argument) belongs to this harness.</summary>
    public static bool IsMode(string mode) => mode == "streaming" || ManyKeysChild.IsMode(mode);

    public static async Task<int> RunAsync(string mode, IReadOnlyList<string> args)
    {
        if (mode != "streaming")
        {
            return await ManyKeysChild.RunAsync(mode, args).ConfigureAwait(false);
        }

        if (!StreamingOptions.TryParse(args, out var options))
        {
            await Console.Error.WriteLineAsync(StreamingOptions.Usage).ConfigureAwait(false);
            return 1;
        }

        var optimized = BuildCheck.IsOptimized(typeof(SourceTaskGrain).Assembly, typeof(KeyedStateBackend<>).Assembly, typeof(StreamingHarness).Assembly);
        if (!optimized && !options.Quick)
        {
            await Console.Error.WriteLineAsync("The engine was built without optimizations; run with -c Release.").ConfigureAwait(false);
            return 2;
        }

        Console.WriteLine(
            $"Grainflow streaming harness{(options.Quick ? " (quick smoke run: figures are indicative only)" : "")}: {BuildCheck.Describe(optimized)}, " +
            $"wordcount parallelism {EngineWordCount.Parallelism}.");
        var figures = await MeasureAsync(options).ConfigureAwait(false);
        Console.WriteLine();
        Console.Write(ResultTable.Format(figures));
        Console.WriteLine();
        Console.WriteLine($"Harness ran in {Progress.Elapsed.TotalSeconds:0.0} s; load average at the end {BuildCheck.LoadAverage()}.");
        return 0;
    }

    /// <summary>Runs every probe and returns the figures (also used by <c>all</c>).</summary>
    public static async Task<IReadOnlyList<Figure>> MeasureAsync(StreamingOptions options)
    {
        using var scratch = new ScratchDirectory("streaming");
        var figures = new List<Figure>();
        var zipfRate = await MeasureThroughputAsync(options, scratch, figures).ConfigureAwait(false);
        await MeasureIdiomaticAsync(options, scratch, figures).ConfigureAwait(false);
        await MeasureSnapshotAsync(options, scratch, figures).ConfigureAwait(false);
        await MeasureManyKeysAsync(options, scratch, zipfRate, figures).ConfigureAwait(false);
        return figures;
    }

    /// <summary>Wordcount against the plain loop; returns the job's median rate, which helps size the many-keys input.</summary>
    private static async Task<double> MeasureThroughputAsync(StreamingOptions options, ScratchDirectory scratch, List<Figure> figures)
    {
        Progress.Write($"Generating {options.ThroughputWords:#,0} words over a Zipf vocabulary of {options.Vocabulary:#,0} words...");
        var input = WordInputGenerator.WriteZipf(scratch.Sub("zipf.txt"), options.ThroughputWords, options.Vocabulary, Seed);
        Progress.Write($"  {input.Bytes / 1e6:0.0} MB, {input.DistinctWords:#,0} distinct words.");

        // A warm-up on the whole input: after a shorter one the first measured round still ran at twice the
        // processor time per word of the later ones (tiered compilation had not settled).
        Progress.Write("Warm-up: the job and the plain loop once each on the same input, unmeasured...");
        await RunEngineAsync(input, scratch).ConfigureAwait(false);
        RunPlain(input, scratch);

        var samples = new List<ThroughputSample>();
        for (var round = 1; round <= options.ThroughputRounds; round++)
        {
            // The order alternates between rounds so that drift of the machine favours neither.
            EngineRunResult engine;
            PlainRunResult plain;
            if (round % 2 == 1)
            {
                engine = await RunEngineAsync(input, scratch).ConfigureAwait(false);
                plain = RunPlain(input, scratch);
            }
            else
            {
                plain = RunPlain(input, scratch);
                engine = await RunEngineAsync(input, scratch).ConfigureAwait(false);
            }

            Progress.Write(
                $"  round {round}/{options.ThroughputRounds}: wordcount {engine.WordsPerSecond / 1e6:0.00} M words/s ({engine.Elapsed.TotalSeconds:0.00} s, " +
                $"{engine.CompletedCheckpoints} checkpoints, {engine.CpuNanosecondsPerWord:0} ns CPU/word); plain loop {plain.WordsPerSecond / 1e6:0.00} M words/s " +
                $"({plain.Elapsed.TotalSeconds:0.00} s, {plain.CpuNanosecondsPerWord:0} ns CPU/word)");
            samples.Add(new ThroughputSample(engine, plain));
        }

        var rounds = Rounds(options.ThroughputRounds);
        var engineRate = Statistics.Median(samples.Select(s => s.Engine.WordsPerSecond));
        figures.Add(Figure.Info($"Wordcount, {input.Words / 1e6:0.#} M words, checkpoints every 1 s ({rounds})", engineRate, "words/s"));
        figures.Add(Figure.Info($"Plain single-threaded loop, same input ({rounds})", Statistics.Median(samples.Select(s => s.Plain.WordsPerSecond)), "words/s"));
        figures.Add(Figure.Info("  CPU time per word, wordcount (whole process)", Statistics.Median(samples.Select(s => s.Engine.CpuNanosecondsPerWord)), "ns"));
        figures.Add(Figure.Info("  CPU time per word, plain loop", Statistics.Median(samples.Select(s => s.Plain.CpuNanosecondsPerWord)), "ns"));
        figures.Add(new Figure($"Efficiency: wordcount / plain loop throughput ({rounds}, per-round ratios)", Statistics.Median(samples.Select(s => s.Efficiency)), "x", Target.AtLeast(EfficiencyTarget)));
        File.Delete(input.Path);
        return engineRate;
    }

    private static async Task MeasureIdiomaticAsync(StreamingOptions options, ScratchDirectory scratch, List<Figure> figures)
    {
        Progress.Write($"Idiomatic Orleans wordcount (a grain per word, IPersistentState on memory storage): {options.IdiomaticWords:#,0} words over the same vocabulary...");
        var input = WordInputGenerator.WriteZipf(scratch.Sub("idiomatic.txt"), options.IdiomaticWords, options.Vocabulary, Seed + 3);
        {
            var warmUp = WordInputGenerator.WriteZipf(scratch.Sub("idiomatic-warm-up.txt"), Math.Min(options.IdiomaticWords / 10, 20_000), options.Vocabulary, Seed + 8);
            await RunIdiomaticAsync(warmUp, scratch).ConfigureAwait(false);
        }

        var samples = new List<IdiomaticSample>();
        for (var round = 1; round <= options.IdiomaticRounds; round++)
        {
            EngineRunResult grainflow;
            PlainRunResult idiomatic;
            if (round % 2 == 1)
            {
                idiomatic = await RunIdiomaticAsync(input, scratch).ConfigureAwait(false);
                grainflow = await RunEngineAsync(input, scratch).ConfigureAwait(false);
            }
            else
            {
                grainflow = await RunEngineAsync(input, scratch).ConfigureAwait(false);
                idiomatic = await RunIdiomaticAsync(input, scratch).ConfigureAwait(false);
            }

            Progress.Write(
                $"  round {round}/{options.IdiomaticRounds}: Grainflow {grainflow.WordsPerSecond / 1e6:0.00} M words/s ({grainflow.Elapsed.TotalSeconds:0.00} s); " +
                $"grain per word {idiomatic.WordsPerSecond / 1e3:0.0} k words/s ({idiomatic.Elapsed.TotalSeconds:0.00} s, {idiomatic.CpuNanosecondsPerWord / 1e3:0.0} µs CPU/word)");
            samples.Add(new IdiomaticSample(grainflow, idiomatic));
        }

        var rounds = Rounds(options.IdiomaticRounds);
        figures.Add(Figure.Info($"Idiomatic Orleans wordcount, {input.Words / 1e6:0.##} M words, {IdiomaticWordCount.WordsInFlight} calls in flight ({rounds})", Statistics.Median(samples.Select(s => s.Idiomatic.WordsPerSecond)), "words/s"));
        figures.Add(Figure.Info($"Grainflow wordcount, the same input ({rounds})", Statistics.Median(samples.Select(s => s.Grainflow.WordsPerSecond)), "words/s"));
        figures.Add(new Figure($"Grainflow / idiomatic Orleans throughput ({rounds}, per-round ratios)", Statistics.Median(samples.Select(s => s.Ratio)), "x", Target.AtLeast(IdiomaticTarget)));
        File.Delete(input.Path);
    }

    private static async Task MeasureSnapshotAsync(StreamingOptions options, ScratchDirectory scratch, List<Figure> figures)
    {
        Progress.Write($"Snapshot of {options.SnapshotKeys:#,0} keys on the state backend, no silo ({options.SnapshotRounds} rounds)...");
        Collect();
        var summary = await SnapshotProbe.MeasureAsync(options.SnapshotKeys, options.SnapshotRounds, scratch.NewSub("snapshot")).ConfigureAwait(false);
        Progress.Write($"  capture {summary.Synchronous.TotalMilliseconds:0.0} ms, write {summary.Asynchronous.TotalMilliseconds:0.0} ms, {summary.Bytes / 1e6:0.0} MB");
        var keys = $"{summary.Keys:#,0} keys";
        figures.Add(Figure.Info($"State backend alone: snapshot capture, {keys} (median)", summary.Synchronous.TotalMilliseconds, "ms"));
        figures.Add(Figure.Info($"State backend alone: snapshot write to local disk, {keys} (median)", summary.Asynchronous.TotalMilliseconds, "ms"));
        figures.Add(Figure.Info($"State backend alone: snapshot bytes, {keys}", summary.Bytes, "B"));
    }

    private static async Task MeasureManyKeysAsync(StreamingOptions options, ScratchDirectory scratch, double zipfRate, List<Figure> figures)
    {
        // The input is sized so the window lasts about ManyKeysWindow at the rate expected now. Should the machine
        // speed up meanwhile, the window shortens; too short a window refuses the ratio rather than printing one that
        // says nothing about checkpoints.
        var rounds = options.ManyKeysMinRounds;
        if (options.ManyKeysWindow > TimeSpan.Zero)
        {
            Progress.Write($"Calibrating the many-keys input: wordcount over {options.ManyKeys:#,0} distinct words, checkpoints off, in a child process...");
            var calibrated = await ManyKeysProbe.CalibrateAsync(scratch.Sub("calibration.txt"), options.ManyKeys, Seed + 2, scratch.FullPath).ConfigureAwait(false);
            var rate = Math.Max(calibrated, ManyKeysRateShare * zipfRate);
            Progress.Write($"  sizing for {rate / 1e6:0.00} M words/s (the larger of the calibration and {ManyKeysRateShare:0.00} x the Zipf input's {zipfRate / 1e6:0.00} M words/s)");
            rounds = Math.Max(rounds, 1 + (int)Math.Ceiling(options.ManyKeysWindow.TotalSeconds * rate / options.ManyKeys));
        }

        Progress.Write($"Generating {options.ManyKeys:#,0} distinct words x {rounds} rounds (each round every word once, shuffled), sized for a window of about {options.ManyKeysWindow.TotalSeconds:0} s...");
        var input = WordInputGenerator.WriteRounds(scratch.Sub("many-keys.txt"), options.ManyKeys, rounds, Seed + 1);
        Progress.Write($"  {input.Bytes / 1e6:0} MB. Each run in its own process; the window starts once the first round is counted.");
        var summary = await ManyKeysProbe.MeasureAsync(input, scratch.FullPath, options.ManyKeysPairs).ConfigureAwait(false);
        File.Delete(input.Path);

        var keys = $"{options.ManyKeys:#,0} keys";
        var pairs = options.ManyKeysPairs == 1 ? "1 pair" : $"median of {options.ManyKeysPairs} pairs";
        figures.Add(Figure.Info($"Wordcount, {keys}, checkpoints every 1 s: window throughput ({pairs})", Statistics.Median(summary.Checked.Select(r => r.WindowWordsPerSecond)), "words/s"));
        figures.Add(Figure.Info($"Wordcount, {keys}, periodic checkpoints off: window throughput ({pairs})", Statistics.Median(summary.Unchecked.Select(r => r.WindowWordsPerSecond)), "words/s"));
        figures.Add(Figure.Info("  window length, checked runs (shortest)", summary.Checked.Min(r => r.WindowSeconds), "s"));
        figures.Add(Figure.Info("  periodic checkpoints completed inside the window, checked runs (fewest)", summary.FewestWindowCheckpoints, "checkpoints"));
        figures.Add(Figure.Info("  checkpoints failed, checked runs (total)", summary.Checked.Sum(r => r.FailedCheckpoints), "checkpoints"));
        figures.Add(Figure.Info("  CPU time per word, checked / unchecked (window, per pair)", Statistics.Median(summary.CpuRatios), "x"));
        var overhead = $"Checkpoints every 1 s / off: window throughput, {keys} ({pairs})";
        var checkpointTarget = Target.AtLeast(CheckedThroughputTarget);
        figures.Add(summary.FewestWindowCheckpoints >= StreamingOptions.MinWindowCheckpoints
            ? new Figure(overhead, Statistics.Median(summary.ThroughputRatios), "x", checkpointTarget)
            : Figure.Refused(overhead, "x", checkpointTarget, $"{summary.FewestWindowCheckpoints} checkpoints in the window, fewer than {StreamingOptions.MinWindowCheckpoints}"));

        var maxSync = summary.Checked.Max(r => r.MaxSynchronousMs);
        figures.Add(new Figure($"Longest synchronous part of any task, {keys}, over the window's checkpoints", maxSync, "ms", Target.Below(SynchronousPauseTargetMs)));
        figures.Add(Figure.Info("  of a keyed task (state capture)", summary.Checked.Max(r => r.MaxKeyedSynchronousMs), "ms"));
        figures.Add(Figure.Info("  of a source task (barrier sent through, keyed tasks' capture and sink pre-commit included)", summary.Checked.Max(r => r.MaxSourceSynchronousMs), "ms"));
        figures.Add(Figure.Info("  longest alignment", summary.Checked.Max(r => r.MaxAlignmentMs), "ms"));
        figures.Add(Figure.Info("  longest asynchronous upload", summary.Checked.Max(r => r.MaxAsynchronousMs), "ms"));
        figures.Add(Figure.Info("  longest checkpoint, trigger to publish", summary.Checked.Max(r => r.MaxDurationMs), "ms"));
        figures.Add(Figure.Info($"  checkpoint state bytes, {keys}", summary.Checked.Max(r => r.MaxStateBytes), "B"));
        figures.Add(Figure.Info("  GC pause total over a whole checked run (largest)", summary.Checked.Max(r => r.GcPauseMs), "ms"));
        figures.Add(Figure.Info("  GC pause total over a whole unchecked run (largest)", summary.Unchecked.Max(r => r.GcPauseMs), "ms"));
        figures.Add(Figure.Info("  gen2 collections over a whole checked run (most)", summary.Checked.Max(r => r.Gen2Collections), "collections"));
        figures.Add(Figure.Info("  gen2 collections over a whole unchecked run (most)", summary.Unchecked.Max(r => r.Gen2Collections), "collections"));

        var enginePeak = summary.Checked.Max(r => r.PeakBytes);
        figures.Add(Figure.Info($"Peak working set, wordcount with checkpoints, {keys}", enginePeak / 1e6, "MB"));
        figures.Add(Figure.Info($"Peak working set, Dictionary<string,long>, {keys}", summary.DictionaryPeakBytes / 1e6, "MB"));
        figures.Add(Figure.Info("  live heap at the end, wordcount / dictionary", summary.Checked.Max(r => r.HeapBytes) / (double)summary.DictionaryHeapBytes, "x"));
        figures.Add(new Figure("Peak memory: wordcount / dictionary (peak working sets)", enginePeak / (double)summary.DictionaryPeakBytes, "x", Target.AtMost(MemoryRatioTarget)));
    }

    private static async Task<EngineRunResult> RunEngineAsync(WordInput input, ScratchDirectory scratch)
    {
        Collect();
        var directory = scratch.NewSub("run");
        try
        {
            return await EngineWordCount.RunAsync(input, directory, StreamingOptions.CheckpointInterval).ConfigureAwait(false);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static PlainRunResult RunPlain(WordInput input, ScratchDirectory scratch)
    {
        Collect();
        var path = scratch.Sub("plain.txt");
        var plain = PlainWordCount.Run(input, path);
        File.Delete(path);
        return plain;
    }

    private static async Task<PlainRunResult> RunIdiomaticAsync(WordInput input, ScratchDirectory scratch)
    {
        Collect();
        var path = scratch.Sub("idiomatic-out.txt");
        var result = await IdiomaticWordCount.RunAsync(input, path).ConfigureAwait(false);
        File.Delete(path);
        return result;
    }

    private static string Rounds(int rounds) => rounds == 1 ? "1 round" : $"median of {rounds}";

    private static void Collect()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
    }
}
