using System.Diagnostics;
using System.Globalization;
using Grainflow.Benchmarks.Harness;
using Grainflow.Grains.Hosting;
using Grainflow.Grains.Jobs;
using Grainflow.Grains.Streaming;
using Grainflow.Grains.WordCount;
using Grainflow.Streaming.Coordination;
using Grainflow.Streaming.Execution;

namespace Grainflow.Benchmarks.Streaming;

/// <summary>
/// Runs the wordcount sample job on a one-silo Orleans cluster in this process, as <c>grainflow-silo wordcount</c>
/// does: the definition registered with <c>AddGrainflow</c>, the job started through its coordinator grain and
/// followed by polling <see cref="IJobCoordinatorGrain.GetStatusAsync"/> until its outcome is set. Timed from
/// <c>StartJobAsync</c> to the outcome (final checkpoint committed). Each run gets its own silo and fresh output
/// and checkpoint directories, and its committed output is checked byte for byte in size against the input's.
/// </summary>
internal static class EngineWordCount
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromMinutes(15);

    // The end of a run is seen at most this late; a status call without tasks is one cheap grain call.
    private static readonly TimeSpan s_pollPeriod = TimeSpan.FromMilliseconds(25);

    // How often the keyed tasks' record counts are sampled when asked for (one call per task).
    private const int PollsPerRecordSample = 4;

    /// <summary>
    /// Runs the job to its end. With <paramref name="sampleRecords"/>, the keyed tasks' record counts are sampled
    /// every 100 ms (for <see cref="CheckpointWindow"/>). <paramref name="afterRun"/> is called once the job ended,
    /// while the silo still holds its state.
    /// </summary>
    public static async Task<EngineRunResult> RunAsync(
        WordInput input, string scratchDirectory, TimeSpan checkpointInterval, bool sampleRecords = false, Action? afterRun = null)
    {
        var output = Path.Combine(scratchDirectory, "out");
        Directory.CreateDirectory(output);
        await using var silo = await BenchmarkSilo.StartAsync(
            silo => silo
                .AddMemoryGrainStorage(GrainflowOptions.JobStorageName)
                .AddGrainflow(grainflow => grainflow.AddJob(WordCountJob.DefinitionName, WordCountJob.Define))).ConfigureAwait(false);
        var spec = new JobSpec(
            WordCountJob.DefinitionName,
            WordCountJob.JobId,
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [WordCountJob.InputParameter] = input.Path,
                [WordCountJob.OutputParameter] = output,
                [WordCountJob.ParallelismParameter] = Parallelism.ToString(CultureInfo.InvariantCulture),
            },
            CheckpointLocation.Directory(Path.Combine(scratchDirectory, "chk")),
            new JobOptions { CheckpointInterval = checkpointInterval });
        var coordinator = silo.GrainFactory.GetGrain<IJobCoordinatorGrain>(spec.JobId);

        var checkpoints = new SortedDictionary<long, CompletedCheckpointInfo>();
        var samples = new List<RecordSample>();
        using var deadline = new CancellationTokenSource(s_deadline);
        using var poll = new PeriodicTimer(s_pollPeriod);
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var started = Stopwatch.GetTimestamp();
        await coordinator.StartJobAsync(spec).ConfigureAwait(false);
        JobStatus status;
        for (var polls = 0; ; polls++)
        {
            var withRecords = sampleRecords && polls % PollsPerRecordSample == 0;
            var asked = Stopwatch.GetTimestamp();
            status = await coordinator.GetStatusAsync(includeTasks: withRecords).WaitAsync(deadline.Token).ConfigureAwait(false);
            var answered = Stopwatch.GetTimestamp();
            foreach (var checkpoint in status.Checkpoints.History)
            {
                checkpoints.TryAdd(checkpoint.CheckpointId, checkpoint);
            }

            if (status.Outcome is not null)
            {
                break;
            }

            if (withRecords && status.KeyedTasks.Count > 0)
            {
                // The tasks were asked somewhere between the two timestamps: take the middle.
                samples.Add(new RecordSample(
                    asked + ((answered - asked) / 2), DateTimeOffset.UtcNow, status.KeyedTasks.Sum(t => t.RecordsIn), Environment.CpuUsage.TotalTime));
            }

            await poll.WaitForNextTickAsync(deadline.Token).ConfigureAwait(false);
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        var cpu = Environment.CpuUsage.TotalTime - cpuBefore;
        afterRun?.Invoke();

        var outcome = status.Outcome;
        if (!outcome.Succeeded)
        {
            throw new InvalidOperationException($"The wordcount job failed: {outcome.Message}");
        }

        // Every word makes one output line, so the committed bytes say whether each word was counted exactly once.
        var outputBytes = CommittedBytes(output);
        if (outputBytes != input.ExpectedOutputBytes)
        {
            throw new InvalidOperationException($"The wordcount job committed {outputBytes:#,0} bytes of output; the input's output is {input.ExpectedOutputBytes:#,0} bytes.");
        }

        return new EngineRunResult(elapsed, cpu, input.Words, outputBytes, [.. checkpoints.Values], status.Checkpoints.CompletedCount, status.Checkpoints.FailedCount, samples);
    }

    /// <summary>Keyed (counting) tasks per job: one per core.</summary>
    public static int Parallelism => Environment.ProcessorCount;

    // Readers take every file whose name does not start with '_' or '.' (TransactionalFileSinkWriter).
    private static long CommittedBytes(string directory) =>
        new DirectoryInfo(directory).EnumerateFiles()
            .Where(f => !f.Name.StartsWith('_') && !f.Name.StartsWith('.'))
            .Sum(f => f.Length);
}
