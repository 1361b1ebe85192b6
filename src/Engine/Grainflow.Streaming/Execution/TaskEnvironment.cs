using Grainflow.Streaming.Coordination;
using Microsoft.Extensions.Logging;

namespace Grainflow.Streaming.Execution;

/// <summary>What a task runtime needs from the grain hosting it.</summary>
public sealed class TaskEnvironment(JobInstance job, string taskId, ITaskPeers peers, TimeProvider timeProvider, ILogger logger)
{
    /// <summary>The job, as this task's grain rebuilt it.</summary>
    public JobInstance Job => job;

    /// <summary>The task's id, "&lt;vertex&gt;/&lt;index&gt;".</summary>
    public string TaskId => taskId;

    /// <summary>The other tasks and the coordinator.</summary>
    public ITaskPeers Peers => peers;

    /// <summary>The job's checkpoint coordinator.</summary>
    public ICheckpointCoordinator Coordinator => peers.Coordinator;

    /// <summary>The silo's clock.</summary>
    public TimeProvider TimeProvider => timeProvider;

    /// <summary>The task's logger.</summary>
    public ILogger Logger => logger;

    /// <summary>This task's progress counters.</summary>
    public TaskCounters Counters { get; } = new();
}
