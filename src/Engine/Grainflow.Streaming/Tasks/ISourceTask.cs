namespace Grainflow.Streaming.Tasks;

/// <summary>A source task's runtime, driven by its grain.</summary>
internal interface ISourceTask
{
    /// <summary>Recovers the sink (if chained) and rewinds to the restored offset.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Reads until the job ends or <paramref name="cancellationToken"/> fires; the grain runs it between requests.</summary>
    Task RunAsync(CancellationToken cancellationToken);

    /// <summary>Asks the read loop to emit barrier <paramref name="checkpointId"/> before its next batch.</summary>
    void RequestBarrier(long checkpointId);

    /// <summary>Receiver task <paramref name="receiverIndex"/> gave back <paramref name="credits"/> credits.</summary>
    void GrantCredit(int receiverIndex, int credits);

    /// <summary>Checkpoint <paramref name="checkpointId"/> completed.</summary>
    ValueTask NotifyCheckpointCompleteAsync(long checkpointId);
}
