using Grainflow.Streaming.Execution;
using Grainflow.Streaming.Tasks;
using Microsoft.Extensions.Logging;

namespace Grainflow.Grains.Streaming;

/// <summary>Hosts a source task: its read loop runs on this activation between requests, so triggers interleave with it.</summary>
public sealed class SourceTaskGrain(JobRegistry jobs, ILogger<SourceTaskGrain> logger) : Grain, ISourceTaskGrain, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private ISourceTask? _task;
    private TaskEnvironment? _environment;
    private Task? _loop;

    public async Task StartAsync()
    {
        if (_task is not null)
        {
            return;
        }

        var key = TaskGrainKey.Parse(GetPrimaryKeyString());
        var job = jobs.Get(key.JobId);
        var vertex = job.Graph.Sources.Single(s => s.Id == key.VertexId);
        _environment = new TaskEnvironment(job, vertex.TaskId(key.Index), GrainFactory, TimeProvider, logger);
        var task = vertex.CreateTask(_environment, key.Index);
        await task.InitializeAsync(_stopping.Token);
        _task = task;

        DelayDeactivation(JobGrainLifetime.KeepActive);
        _loop = RunAsync(task);
    }

    public Task TriggerCheckpointAsync(long checkpointId)
    {
        Task().RequestBarrier(checkpointId);
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

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _stopping.Cancel();
        return System.Threading.Tasks.Task.CompletedTask;
    }

    public void Dispose() => _stopping.Dispose();

    private async Task RunAsync(ISourceTask task)
    {
        try
        {
            await task.RunAsync(_stopping.Token);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Source task {TaskId} failed.", _environment!.TaskId);
            await _environment.Coordinator.ReportFailureAsync(_environment.TaskId, exception.Message);
        }
    }

    private ISourceTask Task() => _task ?? throw new InvalidOperationException($"Source task {GetPrimaryKeyString()} was not started.");
}
