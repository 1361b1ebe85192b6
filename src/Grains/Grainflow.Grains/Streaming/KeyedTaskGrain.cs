using Grainflow.Grains.Hosting;
using Grainflow.Grains.Jobs;
using Grainflow.Grains.Placement;
using Grainflow.Streaming.Channels;
using Grainflow.Streaming.Execution;
using Grainflow.Streaming.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Placement;
using Orleans.Runtime.Placement;

namespace Grainflow.Grains.Streaming;

/// <summary>
/// Hosts one keyed operator task: one activation per (operator, key-group range). It rebuilds its task from the
/// job's definition and restores its key groups itself; an activation that was not started (it reactivated after a
/// deactivation or a silo's loss) refuses records, so it never serves them with empty state.
/// </summary>
[TaskPlacement]

// Its state lives in memory between checkpoints: Orleans must not migrate it (on shutdown or rebalancing), since the
// new activation would start without it.
[Immovable]
public sealed class KeyedTaskGrain(JobInstanceFactory jobs, IOptions<GrainflowOptions> options, ILocalSiloDetails silo, ILogger<KeyedTaskGrain> logger)
    : Grain, IKeyedTaskGrain
{
    private static readonly TimeSpan s_keepActive = TimeSpan.FromDays(3650);
    private IKeyedTask? _task;
    private TaskEnvironment? _environment;
    private TaskGrainKey _key;
    private long _attempt;
    private IGrainTimer? _timers;

    public async Task<SiloAddress> StartAsync(TaskStart start)
    {
        ArgumentNullException.ThrowIfNull(start);

        // A restart of the job: the earlier attempt's task (state, buffers, pending sink epoch) goes; its sink's
        // staged files are recovered below like after a crash. Until the new task is in place nothing is accepted.
        _task = null;
        _attempt = start.Attempt;
        _key = TaskGrainKey.Parse(this.GetPrimaryKeyString());
        var job = jobs.ForTask(start);
        var vertex = job.Graph.KeyedVertices.Single(v => v.Id == _key.VertexId);
        var environment = new TaskEnvironment(
            job, vertex.TaskId(_key.Index), new GrainTaskPeers(GrainFactory, _key.JobId, start.Attempt), options.Value.TimeProvider, logger)
        {
            Attempt = start.Attempt,
            FileSystem = options.Value.FileSystem,
        };
        var task = vertex.CreateTask(environment, _key.Index);
        await task.InitializeAsync(CancellationToken.None);
        _task = task;
        _environment = environment;

        // A job's tasks hold state in memory between checkpoints: idle collection must never take them while it runs.
        DelayDeactivation(s_keepActive);
        var resolution = options.Value.TimerResolution;
        _timers ??= this.RegisterGrainTimer(FireTimersAsync, new GrainTimerCreationOptions { DueTime = resolution, Period = resolution, KeepAlive = true });
        return silo.SiloAddress;
    }

    public Task<int> ReceiveAsync(long attempt, ChannelMessage message)
    {
        var task = Task();

        // A sender of another attempt is left over from before a restart: what it sends was already rolled back.
        return attempt == _attempt ? task.ReceiveAsync(message).AsTask() : System.Threading.Tasks.Task.FromResult(0);
    }

    public Task GrantCreditAsync(long attempt, int receiverIndex, int credits)
    {
        if (attempt == _attempt)
        {
            _task?.GrantCredit(receiverIndex, credits);
        }

        return System.Threading.Tasks.Task.CompletedTask;
    }

    public Task NotifyCheckpointCompleteAsync(long checkpointId) => Task().NotifyCheckpointCompleteAsync(checkpointId).AsTask();

    public Task<StateQueryResult> QueryStateAsync(string? stateName, string key) => System.Threading.Tasks.Task.FromResult(Task().QueryState(stateName, key));

    public Task MoveAsync(SiloAddress target)
    {
        _task = null;
        RequestContext.Set(IPlacementDirector.PlacementHintKey, target);
        MigrateOnIdle();
        return System.Threading.Tasks.Task.CompletedTask;
    }

    public Task RetireAsync()
    {
        _task = null;
        DeactivateOnIdle();
        return System.Threading.Tasks.Task.CompletedTask;
    }

    public Task<TaskMetrics> GetMetricsAsync() => System.Threading.Tasks.Task.FromResult(TaskMetrics.Of(_key, _environment, RuntimeIdentity));

    private Task FireTimersAsync(CancellationToken cancellationToken)
    {
        _task?.FireTimers(options.Value.TimeProvider.GetUtcNow());
        return System.Threading.Tasks.Task.CompletedTask;
    }

    private IKeyedTask Task() => _task ?? throw new InvalidOperationException(
        $"Keyed task {this.GetPrimaryKeyString()} has no state on this activation (it was reactivated); the job must restart from its last checkpoint.");
}
