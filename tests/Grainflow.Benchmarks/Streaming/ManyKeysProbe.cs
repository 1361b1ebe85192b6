using Grainflow.Benchmarks.Harness;

namespace Grainflow.Benchmarks.Streaming;

/// <summary>
/// Wordcount holding many keys, each configuration in its own child process (<see cref="ManyKeysChild"/>): the job
/// with checkpoints every second and with periodic checkpoints off, in pairs whose order alternates, and once a
/// plain <see cref="Dictionary{TKey, TValue}"/> counting the same words (the least memory the keys need).
/// </summary>
internal static class ManyKeysProbe
{
    private const int CalibrationRounds = 3;

    /// <summary>
    /// The job's window throughput with <paramref name="keys"/> keys and checkpoints off, on a short input of
    /// <see cref="CalibrationRounds"/> rounds: how long an input the measured runs need for their window to last.
    /// </summary>
    public static async Task<double> CalibrateAsync(string path, int keys, int seed, string scratchDirectory)
    {
        var input = WordInputGenerator.WriteRounds(path, keys, CalibrationRounds, seed);
        try
        {
            var run = await RunEngineAsync(input, scratchDirectory, Timeout.InfiniteTimeSpan).ConfigureAwait(false);
            Progress.Write($"  calibration, {CalibrationRounds} rounds, checkpoints off: {run.WindowWordsPerSecond / 1e6:0.00} M words/s in the window");
            return run.WindowWordsPerSecond;
        }
        finally
        {
            File.Delete(input.Path);
        }
    }

    public static async Task<ManyKeysSummary> MeasureAsync(WordInput input, string scratchDirectory, int pairs)
    {
        var checkedRuns = new List<ManyKeysRun>();
        var uncheckedRuns = new List<ManyKeysRun>();
        for (var pair = 1; pair <= pairs; pair++)
        {
            foreach (var isChecked in pair % 2 == 1 ? new[] { true, false } : [false, true])
            {
                var run = await RunEngineAsync(input, scratchDirectory, isChecked ? StreamingOptions.CheckpointInterval : Timeout.InfiniteTimeSpan).ConfigureAwait(false);
                (isChecked ? checkedRuns : uncheckedRuns).Add(run);
                Progress.Write(
                    $"  pair {pair}/{pairs}, {(isChecked ? "checkpoints 1 s " : "checkpoints off ")}: window {run.WindowRecords:#,0} words in {run.WindowSeconds:0.0} s " +
                    $"= {run.WindowWordsPerSecond / 1e6:0.00} M words/s, {run.WindowCheckpoints} checkpoints in it ({run.CompletedCheckpoints} completed in the run, " +
                    $"{run.FailedCheckpoints} failed), {run.WindowCpuNanosecondsPerWord:0} ns CPU/word, longest sync {run.MaxSynchronousMs:0.0} ms, peak {run.PeakBytes / 1e6:0} MB");
            }
        }

        var dictionary = await ChildProcess.RunAsync(ManyKeysChild.DictionaryMode, ManyKeysChild.Arguments(input, scratchDirectory, Timeout.InfiniteTimeSpan)).ConfigureAwait(false);
        var summary = new ManyKeysSummary(checkedRuns, uncheckedRuns, (long)dictionary["peak"], (long)dictionary["heap"]);
        Progress.Write($"  Dictionary<string,long> of the same words: peak {summary.DictionaryPeakBytes / 1e6:0} MB, heap {summary.DictionaryHeapBytes / 1e6:0} MB");
        return summary;
    }

    private static async Task<ManyKeysRun> RunEngineAsync(WordInput input, string scratchDirectory, TimeSpan interval)
    {
        var directory = Path.Combine(scratchDirectory, $"many-keys-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        try
        {
            return ManyKeysRun.From(await ChildProcess.RunAsync(ManyKeysChild.EngineMode, ManyKeysChild.Arguments(input, directory, interval)).ConfigureAwait(false));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
