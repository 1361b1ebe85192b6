using Grainflow.Streaming.Channels;
using Grainflow.Streaming.Coordination;
using Grainflow.Streaming.Execution;

namespace Grainflow.Grains.Streaming;

/// <summary>The engine's view of a job's other grains: references, so each may be on any silo.</summary>
internal sealed class GrainTaskPeers(IGrainFactory grainFactory, string jobId) : ITaskPeers
{
    public ICheckpointCoordinator Coordinator { get; } = new CoordinatorReference(grainFactory.GetGrain<IJobCoordinatorGrain>(jobId));

    public IChannelReceiver KeyedTask(string vertexId, int index) =>
        new KeyedTaskReference(grainFactory.GetGrain<IKeyedTaskGrain>(TaskGrainKey.Format(jobId, vertexId, index)));

    private sealed class KeyedTaskReference(IKeyedTaskGrain grain) : IChannelReceiver
    {
        public Task ReceiveAsync(ChannelMessage message) => grain.ReceiveAsync(message);
    }

    private sealed class CoordinatorReference(IJobCoordinatorGrain grain) : ICheckpointCoordinator
    {
        public Task AcknowledgeAsync(TaskAcknowledgement acknowledgement) => grain.AcknowledgeAsync(acknowledgement);

        public Task DeclineAsync(long checkpointId, string taskId, string reason) => grain.DeclineAsync(checkpointId, taskId, reason);

        public Task ReportEndOfInputAsync(string taskId, long invalidInputCount) => grain.ReportEndOfInputAsync(taskId, invalidInputCount);

        public Task ReportFailureAsync(string taskId, string error) => grain.ReportFailureAsync(taskId, error);
    }
}
