namespace Grainflow.Benchmarks.Calls;

/// <summary>A grain that takes record batches the way a keyed task grain takes its channel's batches, and counts their records.</summary>
public interface IBatchSinkGrain : IGrainWithIntegerKey
{
    /// <summary>Takes a batch passed by reference (<see cref="ImmutableAttribute"/>).</summary>
    Task PushAsync(ImmutableWordBatch batch);

    /// <summary>Takes a batch Orleans copies.</summary>
    Task PushAsync(CopiedWordBatch batch);

    /// <summary>The records received so far.</summary>
    Task<long> GetRecordCountAsync();
}
