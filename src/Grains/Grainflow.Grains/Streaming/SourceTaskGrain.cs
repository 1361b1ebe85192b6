using Grainflow.Grains.Hosting;
using Grainflow.Grains.Jobs;
using Grainflow.Grains.Placement;
using Grainflow.Streaming.Execution;
using Grainflow.Streaming.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Placement;
using Orleans.Runtime.Placement;

namespace Grainflow.Grains.Streaming;

/// <summary>
/// Hosts a source task: it rebuilds the task from the job's definition, rewinds to the restored offset, and runs
/// the read loop on this activation between requests, so triggers interleave with it.
/// </summary>
[TaskPlacement]

// Its state lives in memory between checkpoints: Orleans must not migrate it (on shutdown or rebalancing), since the
// new activation would start without it.
[Immovable]
public sealed class SourceTaskGrain(JobInstanceFactory jobs, IOptions<GrainflowOptions> options, ILocalSiloDetails silo, ILogger<SourceTaskGrain> logger)
    : Grain, ISourceTaskGrain, IDisposable
{
    private static readonly TimeSpan s_keepActive = TimeSpan.FromDays(3650);
    private CancellationTokenSource _stopping = new();
    private ISourceTask? _task;
    private TaskEnvironment? _environment;
    private TaskGrainKey _key;
    private long _attempt;
    private Task? _loop;

    public async Task<SiloAddress> StartAsync(TaskStart start)
    {
        ArgumentNullException.ThrowIfNull(start);

        // A restart of the job: the earlier attempt's read loop stops before this one rewinds.
        _task = null;
        if (_loop is { } previous)
        {
            await _stopping.CancelAsync();
            await previous;
            _stopping.Dispose();
            _stopping = new CancellationTokenSource();
            _loop = null;
        }

        _key = TaskGrainKey.Parse(this.GetPrimaryKeyString());
        _attempt = start.Attempt;
        var job = jobs.ForTask(start);
        var vertex = job.Graph.Sources.Single(s => s.Id == _key.VertexId);
        _environment = new TaskEnvironment(
            job, vertex.TaskId(_key.Index), new GrainTaskPeers(GrainFactory, _key.JobId, start.Attempt), options.Value.TimeProvider, logger)
        {
            Attempt = start.Attempt,
            FileSystem = options.Value.FileSystem,
        };
        var task = vertex.CreateTask(_environment, _key.Index);
        await task.InitializeAsync(_stopping.Token);
        _task = task;

        DelayDeactivation(s_keepActive);

        // The loop's calls must not carry this request's placement slot into activations they cause.
        RequestContext.Clear();
        _loop = RunAsync(task, _environment, _stopping.Token);
        return silo.SiloAddress;
    }

    public Task TriggerCheckpointAsync(long checkpointId)
    {
        Task().RequestBarrier(checkpointId);
        return System.Threading.Tasks.Task.CompletedTask;
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

    public async Task StopAsync()
    {
        await _stopping.CancelAsync();
        if (_loop is { } loop)
        {
            await loop;
        }
    }

    public async Task MoveAsync(SiloAddress target)
    {
        await StopAsync();
        _task = null;
        RequestContext.Set(IPlacementDirector.PlacementHintKey, target);
        MigrateOnIdle();
    }

    public async Task RetireAsync()
    {
        await StopAsync();
        _task = null;
        DeactivateOnIdle();
    }

    public Task<TaskMetrics> GetMetricsAsync() => System.Threading.Tasks.Task.FromResult(TaskMetrics.Of(_key, _environment, RuntimeIdentity));

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _stopping.Cancel();
        return System.Threading.Tasks.Task.CompletedTask;
    }

    public void Dispose() => _stopping.Dispose();

    private async Task RunAsync(ISourceTask task, TaskEnvironment environment, CancellationToken stopping)
    {
        try
        {
            await task.RunAsync(stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            // Input the job cannot read is the user's to fix: the message says what, a stack trace would not help.
            var lasting = TaskFailure.IsLasting(exception);
            if (lasting)
            {
                logger.LogError("Source task {TaskId} failed: {Reason}", environment.TaskId, exception.Message);
            }
            else
            {
                logger.LogError(exception, "Source task {TaskId} failed.", environment.TaskId);
            }

            try
            {
                await environment.Coordinator.ReportFailureAsync(environment.TaskId, exception.Message, lasting);
            }
            catch (Exception reportException)
            {
                logger.LogError(reportException, "Source task {TaskId} could not report its failure to the coordinator.", environment.TaskId);
            }
        }
    }

    private ISourceTask Task() => _task ?? throw new InvalidOperationException(
        $"Source task {this.GetPrimaryKeyString()} was not started on this activation (it was reactivated); the job must restart from its last checkpoint.");
}
