using Grainflow.Grains.Control;
using Grainflow.Interfaces.Control;

namespace Grainflow.Client.Tests.Api;

/// <summary>
/// A job control with one running job, <see cref="JobId"/>, whose answers are fixed, so that tests can assert them
/// exactly. Triggering twice is a conflict (the first stays in flight); stopping twice is a conflict.
/// </summary>
internal sealed class FakeJobControl : IJobControl
{
    public const string JobId = "wordcount";
    public const string Operator = "count";

    private static readonly DateTimeOffset s_time = new(2026, 11, 21, 10, 30, 0, TimeSpan.Zero);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, SavepointView> _savepoints = new(StringComparer.Ordinal);
    private readonly List<JobSummaryView> _started = [];
    private bool _checkpointInFlight;
    private bool _stopped;

    public static JobStatusView Status { get; } = new(
        JobId, JobStates.Running, null, 12, 0, 12, 1,
        [new OperatorMetricsView("lines", "source", 1, 1000, 1000), new OperatorMetricsView(Operator, "keyed", 2, 5210, 5210)],
        [new SourceOffsetView("lines", 0, 1000, 990)],
        [new TaskView("lines/0", "lines", "S127.0.0.1:11111:1", 1000, 1000), new TaskView("count/0", Operator, "S127.0.0.1:11112:1", 2600, 2600)],
        "S127.0.0.1:11111:1");

    public static IReadOnlyList<CheckpointView> Checkpoints { get; } =
    [
        new(11, s_time, 41.5, 2048, [new TaskCheckpointView("count-0", 0.5, 1.25, 20, 1024), new TaskCheckpointView("count-1", 0.75, 1.5, 21, 1024)]),
        new(12, s_time.AddSeconds(1), 38.25, 2100, [new TaskCheckpointView("count-0", 0.25, 1, 19, 1050), new TaskCheckpointView("count-1", 0.5, 1, 18, 1050)]),
    ];

    /// <summary>The wordcount job, running since <c>s_time</c>: what GET /jobs lists before any start.</summary>
    public static JobSummaryView RunningJob { get; } = new(JobId, "wordcount", JobStates.Running, s_time, null, null);

    /// <summary>The last start request, as the control received it.</summary>
    public StartJobRequest? LastStart { get; private set; }

    /// <summary>What a start of job <paramref name="jobId"/> answers.</summary>
    public static StartedJobView Started(string jobId) => new(jobId, "wordcount", "checkpoint 3 (taken 2026-11-21 10:29:00Z)", ["checkpoint 4 is damaged; passed over"]);

    /// <summary>The key the last state read asked for, as the job received it.</summary>
    public string? LastKey { get; private set; }

    /// <summary>Whether the last stop asked for a final checkpoint; null before any stop.</summary>
    public bool? LastStopDrained { get; private set; }

    public static SavepointView Savepoint(string name) => new(name, 13, s_time.AddMinutes(1), 1, $"/data/chk/{JobId}/savepoints/{name}");

    public Task<StartedJobView> StartJobAsync(StartJobRequest request, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            LastStart = request;
            if (request.Definition != "wordcount")
            {
                throw new JobControlException(JobControlError.Invalid, $"No job definition named '{request.Definition}' can be started on this cluster (startable: wordcount).");
            }

            var jobId = request.JobId ?? request.Definition;
            if ((jobId == JobId && !_stopped) || _started.Any(j => j.JobId == jobId))
            {
                throw new JobControlException(JobControlError.Conflict, $"Job '{jobId}' is already running; stop it first.");
            }

            _started.Add(new JobSummaryView(jobId, request.Definition, JobStates.Running, s_time.AddMinutes(5), null, null));
            return Task.FromResult(Started(jobId));
        }
    }

    public Task<IReadOnlyList<JobSummaryView>> ListJobsAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<JobSummaryView>>([RunningJob, .. _started]);
        }
    }

    public Task<JobStatusView> GetStatusAsync(string jobId, CancellationToken cancellationToken = default)
    {
        Find(jobId);
        return Task.FromResult(Status);
    }

    public Task<IReadOnlyList<CheckpointView>> ListCheckpointsAsync(string jobId, CancellationToken cancellationToken = default)
    {
        Find(jobId);
        return Task.FromResult(Checkpoints);
    }

    public Task<TriggeredCheckpointView> TriggerCheckpointAsync(string jobId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            FindRunning(jobId);
            if (_checkpointInFlight)
            {
                throw new JobControlException(JobControlError.Conflict, "Checkpoint 13 is in flight; try again when it completes.");
            }

            _checkpointInFlight = true;
            return Task.FromResult(new TriggeredCheckpointView(13));
        }
    }

    public Task<SavepointView> CreateSavepointAsync(string jobId, string name, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            FindRunning(jobId);
            if (name.Contains('/', StringComparison.Ordinal))
            {
                throw new JobControlException(JobControlError.Invalid, $"Savepoint name '{name}' may hold only letters, digits, '-', '_' and '.'.");
            }

            if (_savepoints.ContainsKey(name))
            {
                throw new JobControlException(JobControlError.Conflict, $"Savepoint '{name}' exists; delete it or choose another name.");
            }

            return Task.FromResult(_savepoints[name] = Savepoint(name));
        }
    }

    public Task<IReadOnlyList<SavepointView>> ListSavepointsAsync(string jobId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            Find(jobId);
            return Task.FromResult<IReadOnlyList<SavepointView>>([.. _savepoints.Values.OrderBy(s => s.Name, StringComparer.Ordinal)]);
        }
    }

    public Task DeleteSavepointAsync(string jobId, string name, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            Find(jobId);
            return _savepoints.Remove(name)
                ? Task.CompletedTask
                : throw new JobControlException(JobControlError.NotFound, $"Job '{jobId}' has no savepoint '{name}'.");
        }
    }

    public Task<SavepointView?> StopAsync(string jobId, string? savepointName, bool drain = true, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            FindRunning(jobId);
            _stopped = true;
            LastStopDrained = drain;
            return Task.FromResult(savepointName is null ? null : _savepoints[savepointName] = Savepoint(savepointName));
        }
    }

    /// <summary>What a rescale of the running job to <paramref name="parallelism"/> answers.</summary>
    public static RescaledJobView Rescaled(int parallelism) => new(JobId, parallelism, $"rescale-20261121-103100-000-to-{parallelism}", 14, 412.25, []);

    public Task<RescaledJobView> RescaleAsync(string jobId, int parallelism, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (jobId != JobId)
            {
                throw new JobControlException(JobControlError.NotFound, $"No job '{jobId}' was started on this cluster.");
            }

            return parallelism < 1
                ? throw new JobControlException(JobControlError.Invalid, $"A job's parallelism must be at least 1, not {parallelism}.")
                : _stopped ? throw new JobControlException(JobControlError.Conflict, $"Job '{jobId}' is not running: stopped.")
                : Task.FromResult(Rescaled(parallelism));
        }
    }

    public Task<StateValueView> GetStateAsync(string jobId, string operatorId, string key, string? stateName, CancellationToken cancellationToken = default)
    {
        FindRunning(jobId);
        if (operatorId != Operator)
        {
            throw new JobControlException(JobControlError.NotFound, $"Job '{jobId}' has no keyed operator '{operatorId}'; its keyed operators: {Operator}.");
        }

        if (stateName is not null && stateName != "count")
        {
            throw new JobControlException(JobControlError.NotFound, $"Operator '{operatorId}' has no state '{stateName}'; its states: count.");
        }

        LastKey = key;
        return Task.FromResult(key == "missing"
            ? new StateValueView(operatorId, key, "count", false, null)
            : new StateValueView(operatorId, key, "count", true, "42"));
    }

    private static void Find(string jobId)
    {
        if (jobId != JobId)
        {
            throw new JobControlException(JobControlError.NotFound, $"No job '{jobId}' runs in this silo; its jobs: {JobId}.");
        }
    }

    private void FindRunning(string jobId)
    {
        Find(jobId);
        if (_stopped)
        {
            throw new JobControlException(JobControlError.Conflict, $"Job '{jobId}' is stopped.");
        }
    }
}
