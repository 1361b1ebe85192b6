using System.Globalization;
using Grainflow.Grains.Streaming;
using Grainflow.Streaming.Coordination;
using Grainflow.Streaming.Execution;

namespace Grainflow.Silo.Jobs;

/// <summary>
/// Follows a job through its coordinator grain until it ends: prints each checkpoint as it completes and, every
/// second, the records read and processed. The coordinator may be on any silo: this only makes grain calls.
/// </summary>
internal sealed class JobProgressReporter(IJobCoordinatorGrain coordinator, string jobId, TextWriter output, TimeProvider timeProvider)
{
    // How often the coordinator is asked; a checkpoint's line appears at most this late.
    private static readonly TimeSpan s_pollPeriod = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan s_recordsPeriod = TimeSpan.FromSeconds(1);

    private long _lastPrintedCheckpoint;

    /// <summary>Returns how the job ended; <paramref name="cancellationToken"/> stops following it (the job goes on).</summary>
    public async Task<JobOutcome> WaitForOutcomeAsync(CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        var nextRecordsLine = s_recordsPeriod;
        using var timer = new PeriodicTimer(s_pollPeriod, timeProvider);
        while (true)
        {
            var elapsed = timeProvider.GetElapsedTime(started);
            var withRecords = elapsed >= nextRecordsLine;
            var status = await coordinator.GetStatusAsync(includeTasks: withRecords).WaitAsync(cancellationToken);
            PrintCompletedCheckpoints(status.Checkpoints);
            if (status.Outcome is { } outcome)
            {
                return outcome;
            }

            if (withRecords)
            {
                nextRecordsLine = elapsed + s_recordsPeriod;
                var read = status.Sources.Sum(t => t.RecordsIn);
                var processed = status.KeyedTasks.Sum(t => t.RecordsIn);
                Write($"{read:N0} records read, {processed:N0} processed by keyed tasks ({processed / elapsed.TotalSeconds:N0}/s)");
            }

            await timer.WaitForNextTickAsync(cancellationToken);
        }
    }

    private void PrintCompletedCheckpoints(CheckpointStatus checkpoints)
    {
        foreach (var info in checkpoints.History.Where(c => c.CheckpointId > _lastPrintedCheckpoint))
        {
            var pause = info.Tasks.Count == 0 ? TimeSpan.Zero : info.Tasks.Values.Max(t => t.Synchronous);
            Write($"checkpoint {info.CheckpointId} completed in {info.Duration.TotalMilliseconds:0} ms " +
                  $"({Bytes(info.StateBytes)} of state, longest synchronous pause {pause.TotalMilliseconds:0.0} ms)");
            _lastPrintedCheckpoint = info.CheckpointId;
        }
    }

    private void Write(string line)
    {
        lock (output)
        {
            output.WriteLine($"[{jobId}] {line}");
            output.Flush();
        }
    }

    private static string Bytes(long bytes) =>
        bytes >= 1 << 20 ? (bytes / (double)(1 << 20)).ToString("0.0 MiB", CultureInfo.InvariantCulture)
        : bytes >= 1 << 10 ? (bytes / 1024.0).ToString("0.0 KiB", CultureInfo.InvariantCulture)
        : $"{bytes} B";
}
