using Grainflow.Streaming.Channels;
using Grainflow.Streaming.Coordination;
using Grainflow.Streaming.Execution;
using Grainflow.Streaming.Graph;

namespace Grainflow.Grains.Streaming;

/// <summary>
/// The engine's view of a job's other grains: references, so each may be on any silo. Every call carries the
/// job's attempt, so that a task left over from an earlier attempt (its silo was declared dead, or the job
/// restarted under it) can neither feed records into the current one nor speak for it to the coordinator.
/// </summary>
internal sealed class GrainTaskPeers(IGrainFactory grainFactory, string jobId, long attempt) : ITaskPeers
{
    public ICheckpointCoordinator Coordinator { get; } = new CoordinatorReference(grainFactory.GetGrain<IJobCoordinatorGrain>(jobId), attempt);

    public IChannelReceiver KeyedTask(string vertexId, int index) =>
        new KeyedTaskReference(grainFactory.GetGrain<IKeyedTaskGrain>(TaskGrainKey.Format(jobId, vertexId, index)), attempt);

    public IChannelSender InputTask(JobVertex vertex, int index)
    {
        var key = TaskGrainKey.Format(jobId, vertex.Id, index);
        return vertex is SourceVertex
            ? new SourceSenderReference(grainFactory.GetGrain<ISourceTaskGrain>(key), attempt)
            : new KeyedSenderReference(grainFactory.GetGrain<IKeyedTaskGrain>(key), attempt);
    }

    private sealed class KeyedTaskReference(IKeyedTaskGrain grain, long attempt) : IChannelReceiver
    {
        public Task<int> ReceiveAsync(ChannelMessage message) => grain.ReceiveAsync(attempt, message);
    }

    private sealed class SourceSenderReference(ISourceTaskGrain grain, long attempt) : IChannelSender
    {
        public Task GrantCreditAsync(int receiverIndex, int credits) => grain.GrantCreditAsync(attempt, receiverIndex, credits);
    }

    private sealed class KeyedSenderReference(IKeyedTaskGrain grain, long attempt) : IChannelSender
    {
        public Task GrantCreditAsync(int receiverIndex, int credits) => grain.GrantCreditAsync(attempt, receiverIndex, credits);
    }

    private sealed class CoordinatorReference(IJobCoordinatorGrain grain, long attempt) : ICheckpointCoordinator
    {
        public Task AcknowledgeAsync(TaskAcknowledgement acknowledgement) => grain.AcknowledgeAsync(attempt, acknowledgement);

        public Task DeclineAsync(long checkpointId, string taskId, string reason) => grain.DeclineAsync(attempt, checkpointId, taskId, reason);

        public Task ReportEndOfInputAsync(string taskId) => grain.ReportEndOfInputAsync(attempt, taskId);

        public Task ReportFailureAsync(string taskId, string error, bool lasting) => grain.ReportFailureAsync(attempt, taskId, error, lasting);
    }
}
