using Grainflow.Grains.Hosting;
using Grainflow.Grains.Jobs;
using Grainflow.Grains.Placement;
using Grainflow.Streaming.Checkpointing.Storage;
using Grainflow.Streaming.Coordination;
using Grainflow.Streaming.Execution;
using Grainflow.Streaming.Graph;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Placement;

namespace Grainflow.Grains.Streaming;

/// <summary>
/// A job's coordinator (keyed by job id): starts the job's tasks, triggers checkpoints at the configured interval,
/// at most one in flight, with a minimum pause and a timeout; publishes a checkpoint's manifest once every task has
/// acknowledged it, and only then tells the tasks to commit. After every source ended, the next checkpoint is the
/// final one: its completion finishes the job. Long work (starting tasks, publishing) runs on the coordinator's own
/// turns, never inside the call of the task or client that caused it.
/// </summary>
[Reentrant]
[TaskPlacement]

// Its state lives in memory between checkpoints: Orleans must not migrate it (on shutdown or rebalancing), since the
// new activation would start without it.
[Immovable]
public sealed partial class JobCoordinatorGrain(
    JobInstanceFactory jobs,
    IOptions<GrainflowOptions> options,
    IClusterMembershipService membership,
    IClusterManifestProvider clusterManifest,
    ILogger<JobCoordinatorGrain> logger)
    : Grain, IJobCoordinatorGrain
{
    private const int HistoryLength = 20;

    /// <summary>In a run of consecutive failed checkpoints, the first and every this-many-th are logged as warnings, the rest at Debug.</summary>
    internal const int FailureLogInterval = 10;

    // A running job's coordinator holds the checkpoint protocol in memory: idle collection must never take it.
    private static readonly TimeSpan s_keepActive = TimeSpan.FromDays(3650);

    private readonly HashSet<string> _endedSources = new(StringComparer.Ordinal);
    private readonly List<CompletedCheckpointInfo> _history = [];
    private JobSpec? _spec;
    private JobInstance? _job;
    private RestoreSource? _restore;
    private IAsyncDisposable? _writerLock;
    private IReadOnlyList<SourceOffsetRecord> _committedOffsets = [];
    private PendingCheckpoint? _pending;
    private StorageVersion? _latestVersion;
    private JobOutcome? _outcome;
    private bool _running;
    private long _nextCheckpointId;
    private long _lastCompletedId;
    private DateTimeOffset _lastTriggeredAt;
    private DateTimeOffset _lastCompletedAt;
    private int _completedCount;
    private int _failedCount;
    private int _consecutiveFailures;
    private bool _stopping;
    private bool _starting;

    // Recovering past a damaged checkpoint: the sources hold at its offsets until a checkpoint taken there completes,
    // so one is triggered at once, whatever the interval (also when periodic checkpoints are off).
    private bool _replayingPastDamaged;
    private IGrainTimer? _tick;

    private JobInstance Job => _job ?? throw new JobNotFoundException($"No job '{this.GetPrimaryKeyString()}' was started on this cluster.");

    private JobGraph Graph => Job.Graph;

    private TimeProvider Clock => options.Value.TimeProvider;

    private bool Finished => _outcome is not null;

    // The count travels with the source offsets, so a job resumed from a checkpoint reports the same total as one that ran
    // through; and what a job reports is what its last completed checkpoint covers, the input whose output is committed.
    private long CommittedInvalidInputCount => _committedOffsets.Sum(o => o.InvalidInputCount);

    public async Task<JobStartResult> StartJobAsync(JobSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.JobId != this.GetPrimaryKeyString())
        {
            throw new ArgumentException($"Job '{spec.JobId}' cannot be started by the coordinator of job '{this.GetPrimaryKeyString()}'.", nameof(spec));
        }

        // Reentrant: a second start must not slip in while the first one plans.
        if (_starting || (_job is not null && !Finished))
        {
            throw new InvalidOperationException($"Job '{spec.JobId}' is already running; stop it first.");
        }

        _starting = true;
        JobRestorePlan plan;
        try
        {
            if (_writerLock is { } previous)
            {
                _writerLock = null;
                await previous.DisposeAsync();
            }

            plan = await JobRestorePlanner.PlanAsync(jobs, spec);
        }
        finally
        {
            _starting = false;
        }

        Reset(spec, plan);
        DelayDeactivation(s_keepActive);
        _ = StartOrRestartAsync();
        var resumed = plan.Restore is { } restore ? $"{restore.Description} (taken {restore.Manifest.CompletedAt:u})" : null;
        return new JobStartResult(resumed, plan.Warnings);
    }

    public async Task<JobOutcome?> EnsureRunningAsync(JobSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (_job is null && !_starting)
        {
            await StartJobAsync(spec);
            return null;
        }

        return _outcome;
    }

    public async Task<long> TriggerCheckpointAsync()
    {
        _ = Job;
        return _running && _pending is null && !Finished && !_stopping && !_finalPublished ? (await TriggerAsync()).CheckpointId : 0;
    }

    public async Task<JobStatus> GetStatusAsync(bool includeTasks)
    {
        var graph = Graph;
        // Everything from the coordinator's own fields is read before the tasks are asked: the coordinator is reentrant,
        // and a checkpoint completing during that await must not pair its committed offsets with the previous id.
        var checkpoints = new CheckpointStatus(_lastCompletedId, _completedCount, _failedCount, _pending?.CheckpointId ?? 0, [.. _history]);
        var committedOffsets = _committedOffsets;
        var (outcome, restarts, attempt) = (_outcome, _restarts.Count, _attempt);
        var phase = Finished ? JobPhase.Ended : _restarting ? JobPhase.Restarting : _running ? JobPhase.Running : JobPhase.Recovering;
        TaskMetrics[] sources = [];
        TaskMetrics[] keyed = [];
        // Only once every task started: a metrics call must never be what activates a task grain (it would land
        // outside the job's placement, and with no state).
        if (includeTasks && _running && !Finished)
        {
            sources = await Task.WhenAll(SourceGrains(graph).Select(g => g.GetMetricsAsync()));
            keyed = await Task.WhenAll(KeyedGrains(graph).Select(g => g.GetMetricsAsync()));
        }

        return new JobStatus(phase, outcome, checkpoints, sources, keyed, RuntimeIdentity, committedOffsets, restarts, attempt);
    }

    public Task<Grainflow.Streaming.Tasks.StateQueryResult> QueryStateAsync(string operatorId, string? stateName, string key)
    {
        var graph = Graph;
        var vertex = graph.KeyedVertices.FirstOrDefault(v => v.Id == operatorId)
            ?? throw new KeyNotFoundException(
                $"Job '{graph.JobId}' has no keyed operator '{operatorId}' (it has {string.Join(", ", graph.KeyedVertices.Select(v => v.Id))}).");
        return GrainFactory.GetGrain<IKeyedTaskGrain>(TaskGrainKey.Format(graph.JobId, operatorId, vertex.TaskOfKey(key))).QueryStateAsync(stateName, key);
    }

    // A start: a new job's protocol state, counters and restart budget on top of the plan.
    private void Reset(JobSpec spec, JobRestorePlan plan)
    {
        _spec = spec;
        _nextCheckpointId = 0;
        Apply(plan);
        _outcome = null;
        _stopping = false;
        _history.Clear();
        _completedCount = _failedCount = _consecutiveFailures = 0;
        _restarts = new RestartBudget(spec.Options.Restart);
    }

    // What a start and a restart both take from a plan: the restore point, the location's lock, a new attempt. Checkpoint
    // ids only grow, also across restarts of one activation.
    private void Apply(JobRestorePlan plan)
    {
        _job = plan.Job;
        _restore = plan.Restore;
        _writerLock = plan.WriterLock;
        _latestVersion = plan.Recovery.LatestVersion;
        // Past a damaged checkpoint, the output is committed through it: its offsets are what the job has committed.
        var committed = plan.Restore?.ReplayThrough ?? plan.Restore?.Manifest;
        _lastCompletedId = committed?.CheckpointId ?? 0;
        _nextCheckpointId = Math.Max(_nextCheckpointId, plan.FirstCheckpointId);
        _committedOffsets = committed?.SourceOffsets ?? [];
        _lastTriggeredAt = _lastCompletedAt = Clock.GetUtcNow();
        _attempt = NewAttempt();
        _replayingPastDamaged = plan.Restore?.ReplayThrough is not null;
        _finalPublished = false;
        _running = false;
        _pending = null;
        _endedSources.Clear();
    }

    private async Task StartOrRestartAsync()
    {
        if (await StartTasksAsync() is { } failure)
        {
            await RestartAsync(failure);
        }
    }

    // Downstream first: keyed tasks restore their key groups and recover their sinks before any source sends to them.
    // Each task gets the next placement slot, so a job's tasks spread evenly over the cluster's silos. Returns why
    // starting failed, or null once every task runs.
    private async Task<RestartCause?> StartTasksAsync()
    {
        var graph = Graph;
        var start = new TaskStart(_spec!, _restore, _attempt);
        try
        {
            var moves = await RebalanceAsync(graph);
            var first = TaskSlot.OfCoordinator(graph.JobId) + 1;
            var keyedSlot = first + graph.Sources.Sum(s => s.Parallelism);
            await Task.WhenAll(KeyedGrains(graph).Select((grain, i) => StartTaskAsync(grain.GetPrimaryKeyString(), keyedSlot + i, moves, () => grain.StartAsync(start))));
            var tick = TickPeriod(Job.Options);
            _tick ??= this.RegisterGrainTimer(OnTickAsync, new GrainTimerCreationOptions { DueTime = tick, Period = tick, Interleave = true, KeepAlive = true });
            await Task.WhenAll(SourceGrains(graph).Select((grain, i) => StartTaskAsync(grain.GetPrimaryKeyString(), first + i, moves, () => grain.StartAsync(start))));
            _running = true;
            return null;
        }
        catch (Exception exception)
        {
            var lasting = TaskFailure.IsLasting(exception);
            LogStartFailed(lasting ? null : exception, graph.JobId);
            return new RestartCause($"Starting the job's tasks failed: {exception.Message}", lasting);
        }
    }

    private async Task StartTaskAsync(string key, int slot, IReadOnlyDictionary<string, SiloAddress> moves, Func<Task<SiloAddress>> start) =>
        _placements[key] = await TaskSlot.CallInSlotAsync(slot, moves.GetValueOrDefault(key), start);

    private IEnumerable<ISourceTaskGrain> SourceGrains(JobGraph graph) =>
        graph.Sources.SelectMany(s => Enumerable.Range(0, s.Parallelism).Select(i => GrainFactory.GetGrain<ISourceTaskGrain>(TaskGrainKey.Format(graph.JobId, s.Id, i))));

    private IEnumerable<IKeyedTaskGrain> KeyedGrains(JobGraph graph) =>
        graph.KeyedVertices.SelectMany(k => Enumerable.Range(0, k.Parallelism).Select(i => GrainFactory.GetGrain<IKeyedTaskGrain>(TaskGrainKey.Format(graph.JobId, k.Id, i))));

    private static TimeSpan TickPeriod(JobOptions options)
    {
        var interval = options.CheckpointInterval == Timeout.InfiniteTimeSpan ? TimeSpan.FromSeconds(1) : options.CheckpointInterval;
        return TimeSpan.FromTicks(Math.Clamp(interval.Ticks / 10, TimeSpan.FromMilliseconds(10).Ticks, TimeSpan.FromSeconds(1).Ticks));
    }
}
