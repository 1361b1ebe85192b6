using Grainflow.Streaming.Checkpointing.Durability;
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

    /// <summary>
    /// The job attempt this task belongs to (a random id per start or restart of the job; 0 when the host has none).
    /// Sinks put it in the names of what they stage, so that a task left over from an earlier attempt cannot mix its
    /// output into this attempt's.
    /// </summary>
    public long Attempt { get; init; }

    /// <summary>
    /// The file operations of the task's file sink (its staging, commit and recovery): the real file system, or in
    /// tests a layer that records them to derive crash states.
    /// </summary>
    internal FileSystemOperations FileSystem { get; init; } = FileSystemOperations.Real;

    /// <summary>This task's progress counters.</summary>
    public TaskCounters Counters { get; } = new();
}
