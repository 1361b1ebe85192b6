using System.Collections.Concurrent;
using System.Diagnostics;
using Grainflow.Grains.Streaming;
using Grainflow.Grains.WordCount;
using Grainflow.Streaming.Checkpointing.Storage;
using Grainflow.Streaming.Coordination;
using Grainflow.Streaming.Execution;
using Grainflow.TestingHost;
using Microsoft.Extensions.DependencyInjection;

namespace Grainflow.Benchmarks.Streaming;

/// <summary>
/// Runs the wordcount sample job in an in-process silo, as the job tests do, and times it from launch to the
/// final checkpoint's commit. Each run gets its own silo and fresh output and checkpoint directories.
/// </summary>
internal static class EngineWordCount
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromMinutes(10);

    /// <summary>Runs the job; <paramref name="afterRun"/> is called once it finished, while the silo still holds its state.</summary>
    public static async Task<EngineRunResult> RunAsync(WordInput input, string scratchDirectory, TimeSpan checkpointInterval, Action? afterRun = null)
    {
        var output = Path.Combine(scratchDirectory, "out");
        var checkpoints = Path.Combine(scratchDirectory, "chk");
        await using var silo = await TestSilo.StartAsync(
            silo => silo.AddGrainsFrom(typeof(SourceTaskGrain).Assembly),
            configureServices: services => services.AddGrainflowStreaming()).ConfigureAwait(false);
        var launcher = silo.Services.GetRequiredService<StreamJobLauncher>();
        var completed = new ConcurrentQueue<CompletedCheckpointInfo>();

        var cpuBefore = Environment.CpuUsage.TotalTime;
        var started = Stopwatch.GetTimestamp();
        var job = await launcher.StartAsync(
            WordCountJob.Build(input.Path, output, StreamingOptions.Parallelism),
            new JobOptions { CheckpointInterval = checkpointInterval },
            new LocalCheckpointStorage(checkpoints)).ConfigureAwait(false);
        job.CheckpointCompleted += completed.Enqueue;
        var outcome = await job.Outcome.WaitAsync(s_deadline).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var cpu = Environment.CpuUsage.TotalTime - cpuBefore;
        afterRun?.Invoke();

        if (!outcome.Succeeded)
        {
            throw new InvalidOperationException($"The wordcount job failed: {outcome.Message}");
        }

        if (job.Counters.KeyedRecords != input.Words)
        {
            throw new InvalidOperationException($"The wordcount job counted {job.Counters.KeyedRecords:#,0} words; the input holds {input.Words:#,0}.");
        }

        return new EngineRunResult(elapsed, cpu, input.Words, CommittedBytes(output), [.. completed]);
    }

    // Readers take every file whose name does not start with '_' or '.' (TransactionalFileSinkWriter).
    private static long CommittedBytes(string directory) =>
        new DirectoryInfo(directory).EnumerateFiles()
            .Where(f => !f.Name.StartsWith('_') && !f.Name.StartsWith('.'))
            .Sum(f => f.Length);
}
