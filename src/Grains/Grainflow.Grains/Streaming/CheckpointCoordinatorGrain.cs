using Grainflow.Streaming.Checkpointing.Storage;
using Grainflow.Streaming.Coordination;
using Grainflow.Streaming.Execution;
using Grainflow.Streaming.Tasks;
using Grainflow.Timers;
using Microsoft.Extensions.Logging;

namespace Grainflow.Grains.Streaming;

/// <summary>
/// A job's checkpoint coordinator (keyed by job id): triggers checkpoints at the configured interval, at most
/// one in flight, with a minimum pause and a timeout; publishes a checkpoint's manifest once every task has
/// acknowledged it, and only then tells the tasks to commit. After every source ended, the next checkpoint is
/// the final one: its completion finishes the job.
/// </summary>
[Reentrant]
public sealed partial class CheckpointCoordinatorGrain(JobRegistry jobs, ILogger<CheckpointCoordinatorGrain> logger) : Grain, ICheckpointCoordinatorGrain
{
    private const int HistoryLength = 20;

    /// <summary>In a run of consecutive failed checkpoints, the first and every this-many-th are logged as warnings, the rest at Debug.</summary>
    internal const int FailureLogInterval = 10;

    private readonly HashSet<string> _endedSources = new(StringComparer.Ordinal);
    private readonly List<CompletedCheckpointInfo> _history = [];
    private RunningJob? _job;
    private PendingCheckpoint? _pending;
    private StorageVersion? _latestVersion;
    private long _nextCheckpointId;
    private long _lastCompletedId;
    private DateTimeOffset _lastTriggeredAt;
    private DateTimeOffset _lastCompletedAt;
    private int _completedCount;
    private int _failedCount;
    private int _consecutiveFailures;
    private long _invalidInputCount;
    private bool _finished;
    private bool _stopping;

    private RunningJob Job => _job ?? throw new InvalidOperationException($"The coordinator of job {GetPrimaryKeyString()} was not started.");

    public Task StartAsync()
    {
        if (_job is not null)
        {
            return Task.CompletedTask;
        }

        _job = jobs.Get(GetPrimaryKeyString());
        _latestVersion = _job.Recovery.LatestVersion;
        _lastCompletedId = _job.RestoredFrom?.CheckpointId ?? 0;
        _nextCheckpointId = Math.Max(_job.Recovery.HighestCheckpointId, _lastCompletedId) + 1;
        _lastTriggeredAt = _lastCompletedAt = TimeProvider.GetUtcNow();
        DelayDeactivation(JobGrainLifetime.KeepActive);
        var tick = TickPeriod(_job.Options);
        RegisterGrainTimer(OnTickAsync, new GrainTimerCreationOptions { DueTime = tick, Period = tick, Interleave = true, KeepAlive = true });
        return Task.CompletedTask;
    }

    public async Task<long> TriggerCheckpointAsync() => _pending is null && !_finished && !_stopping ? await TriggerAsync() : 0;

    public Task<CheckpointStatus> GetStatusAsync() =>
        Task.FromResult(new CheckpointStatus(_lastCompletedId, _completedCount, _failedCount, _pending?.CheckpointId ?? 0, [.. _history]));

    public async Task AcknowledgeAsync(TaskAcknowledgement acknowledgement)
    {
        var pending = _pending;
        if (pending is null || !pending.Acknowledge(acknowledgement) || !pending.IsComplete)
        {
            return;
        }

        await CompleteAsync(pending);
    }

    public async Task DeclineAsync(long checkpointId, string taskId, string reason)
    {
        if (_pending?.CheckpointId == checkpointId)
        {
            await AbortAsync(_pending, $"task {taskId} declined: {reason}");
        }
    }

    public async Task ReportEndOfInputAsync(string taskId, long invalidInputCount)
    {
        _invalidInputCount += invalidInputCount;
        _endedSources.Add(taskId);
        if (AllSourcesEnded && _pending is null && !_stopping)
        {
            await TriggerAsync();
        }
    }

    public Task ReportFailureAsync(string taskId, string error)
    {
        Finish(new JobOutcome(JobEndKind.Failed, $"Task {taskId} failed: {error}", _lastCompletedId, _invalidInputCount));
        return Task.CompletedTask;
    }

    private bool AllSourcesEnded =>
        _endedSources.Count == Job.Graph.Sources.Sum(s => s.Parallelism) && Job.Graph.IsBounded;

    private static TimeSpan TickPeriod(JobOptions options)
    {
        var interval = options.CheckpointInterval == Timeout.InfiniteTimeSpan ? TimeSpan.FromSeconds(1) : options.CheckpointInterval;
        return TimeSpan.FromTicks(Math.Clamp(interval.Ticks / 10, TimeSpan.FromMilliseconds(10).Ticks, TimeSpan.FromSeconds(1).Ticks));
    }

    private async Task OnTickAsync(CancellationToken cancellationToken)
    {
        if (_finished)
        {
            return;
        }

        var now = TimeProvider.GetUtcNow();
        var options = Job.Options;
        if (_pending is { } pending)
        {
            if (now - pending.TriggeredAt >= options.CheckpointTimeout)
            {
                await AbortAsync(pending, $"not complete within {options.CheckpointTimeout.TotalSeconds:0.###} s; waiting for {string.Join(", ", pending.WaitingFor)}");
            }

            return;
        }

        if (_stopping)
        {
            return;
        }

        var due = options.CheckpointInterval != Timeout.InfiniteTimeSpan
            && now - _lastTriggeredAt >= options.CheckpointInterval
            && now - _lastCompletedAt >= options.MinPauseBetweenCheckpoints;
        if (due || AllSourcesEnded)
        {
            await TriggerAsync();
        }
    }

    private async Task<long> TriggerAsync(string? savepointName = null)
    {
        var job = Job;
        var id = _nextCheckpointId++;
        var pending = new PendingCheckpoint(id, TimeProvider.GetUtcNow(), job.Graph.TaskIds, isFinal: AllSourcesEnded && savepointName is null, savepointName);
        _pending = pending;
        _lastTriggeredAt = pending.TriggeredAt;
        LogTriggered(id, pending.IsFinal);
        await Task.WhenAll(job.Graph.Sources.SelectMany(source => Enumerable.Range(0, source.Parallelism).Select(partition =>
            GrainFactory.GetGrain<ISourceTaskGrain>($"{job.Graph.JobId}/{source.Id}/{partition}").TriggerCheckpointAsync(id))));
        return id;
    }
}
