using System.Globalization;
using Grainflow.Streaming.Coordination;
using Grainflow.Streaming.Execution;

namespace Grainflow.Silo.Jobs;

/// <summary>Prints a job's progress every second and each checkpoint as it completes.</summary>
internal sealed class JobProgressReporter(RunningJob job, TextWriter output, TimeProvider timeProvider) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public void Start()
    {
        job.CheckpointCompleted += OnCheckpointCompleted;
        _loop = ReportAsync(_stop.Token);
    }

    public async ValueTask DisposeAsync()
    {
        job.CheckpointCompleted -= OnCheckpointCompleted;
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    private void OnCheckpointCompleted(CompletedCheckpointInfo info)
    {
        var pause = info.Tasks.Count == 0 ? TimeSpan.Zero : info.Tasks.Values.Max(t => t.Synchronous);
        Write($"checkpoint {info.CheckpointId} completed in {info.Duration.TotalMilliseconds:0} ms " +
              $"({Bytes(info.StateBytes)} of state, longest synchronous pause {pause.TotalMilliseconds:0.0} ms)");
    }

    private async Task ReportAsync(CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                var seconds = timeProvider.GetElapsedTime(started).TotalSeconds;
                var records = job.Counters.KeyedRecords;
                Write($"{job.Counters.SourceRecords:N0} records read, {records:N0} processed by keyed tasks ({records / seconds:N0}/s)");
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Write(string line)
    {
        lock (output)
        {
            output.WriteLine($"[{job.Graph.JobId}] {line}");
            output.Flush();
        }
    }

    private static string Bytes(long bytes) =>
        bytes >= 1 << 20 ? (bytes / (double)(1 << 20)).ToString("0.0 MiB", CultureInfo.InvariantCulture)
        : bytes >= 1 << 10 ? (bytes / 1024.0).ToString("0.0 KiB", CultureInfo.InvariantCulture)
        : $"{bytes} B";
}
