using Grainflow.Streaming.Coordination;
using Microsoft.Extensions.Logging;

namespace Grainflow.Streaming.Execution;

/// <summary>What a task runtime needs from the grain hosting it.</summary>
public sealed class TaskEnvironment(RunningJob job, string taskId, IGrainFactory grainFactory, TimeProvider timeProvider, ILogger logger)
{
    /// <summary>The job.</summary>
    public RunningJob Job => job;

    /// <summary>The task's id, "&lt;vertex&gt;/&lt;index&gt;".</summary>
    public string TaskId => taskId;

    /// <summary>For references to the other tasks.</summary>
    public IGrainFactory GrainFactory => grainFactory;

    /// <summary>The silo's clock.</summary>
    public TimeProvider TimeProvider => timeProvider;

    /// <summary>The task's logger.</summary>
    public ILogger Logger => logger;

    /// <summary>The job's checkpoint coordinator.</summary>
    public ICheckpointCoordinatorGrain Coordinator => grainFactory.GetGrain<ICheckpointCoordinatorGrain>(job.Graph.JobId);

    /// <summary>The grain key of task <paramref name="index"/> of vertex <paramref name="vertexId"/>.</summary>
    public string TaskGrainKey(string vertexId, int index) => $"{job.Graph.JobId}/{vertexId}/{index}";
}
