using Grainflow.Streaming.Channels;
using Grainflow.Streaming.Coordination;
using Grainflow.Streaming.Graph;

namespace Grainflow.Streaming.Execution;

/// <summary>
/// How a task reaches the other parts of its job: the tasks it sends records to and the job's coordinator.
/// The grains that host the tasks implement it with grain references, so a peer may run on any silo; nothing
/// passes through process memory.
/// </summary>
public interface ITaskPeers
{
    /// <summary>The input side of task <paramref name="index"/> of keyed operator <paramref name="vertexId"/>.</summary>
    IChannelReceiver KeyedTask(string vertexId, int index);

    /// <summary>
    /// Task <paramref name="index"/> of <paramref name="vertex"/> (a source or a keyed operator) as the sender of one of
    /// the calling task's input channels: where the caller gives back credit.
    /// </summary>
    IChannelSender InputTask(JobVertex vertex, int index);

    /// <summary>The job's checkpoint coordinator.</summary>
    ICheckpointCoordinator Coordinator { get; }
}
