using Grainflow.Streaming.Channels;
using Grainflow.Streaming.Execution;
using Grainflow.Streaming.Tasks;
using Grainflow.Timers;
using Microsoft.Extensions.Logging;

namespace Grainflow.Grains.Streaming;

/// <summary>Hosts one keyed operator task: one activation per (operator, key-group range).</summary>
public sealed class KeyedTaskGrain(JobRegistry jobs, ILogger<KeyedTaskGrain> logger) : Grain, IKeyedTaskGrain
{
    // Processing-time timers fire at this granularity.
    private static readonly TimeSpan s_timerResolution = TimeSpan.FromMilliseconds(100);
    private IKeyedTask? _task;

    public async Task StartAsync()
    {
        if (_task is not null)
        {
            return;
        }

        var key = TaskGrainKey.Parse(GetPrimaryKeyString());
        var job = jobs.Get(key.JobId);
        var vertex = job.Graph.KeyedVertices.Single(v => v.Id == key.VertexId);
        var environment = new TaskEnvironment(job, vertex.TaskId(key.Index), GrainFactory, TimeProvider, logger);
        var task = vertex.CreateTask(environment, key.Index);
        await task.InitializeAsync(CancellationToken.None);
        _task = task;
        DelayDeactivation(JobGrainLifetime.KeepActive);
        RegisterGrainTimer(FireTimersAsync, new GrainTimerCreationOptions { DueTime = s_timerResolution, Period = s_timerResolution, KeepAlive = true });
    }

    public Task ReceiveAsync(ChannelMessage message) => Task().ReceiveAsync(message).AsTask();

    public Task NotifyCheckpointCompleteAsync(long checkpointId) => Task().NotifyCheckpointCompleteAsync(checkpointId).AsTask();

    public Task<StateQueryResult> QueryStateAsync(string? stateName, string key) => System.Threading.Tasks.Task.FromResult(Task().QueryState(stateName, key));

    private Task FireTimersAsync(CancellationToken cancellationToken)
    {
        _task?.FireTimers(TimeProvider.GetUtcNow());
        return System.Threading.Tasks.Task.CompletedTask;
    }

    private IKeyedTask Task() => _task ?? throw new InvalidOperationException($"Keyed task {GetPrimaryKeyString()} was not started.");
}
