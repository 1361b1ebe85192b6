using Grainflow.Streams.Log.Producers;
using Orleans.Streams;

namespace Grainflow.Streams.Tests.Cluster;

/// <summary>A grain that produces to a stream of the log stream provider from its own turns, as application grains do.</summary>
public interface IAppendingGrain : IGrainWithGuidKey
{
    /// <summary>Appends <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> - 1 to the <see cref="RecordingConsumerGrain.Namespace"/> stream <paramref name="streamKey"/>, <paramref name="perCall"/> per call (<c>OnNextAsync</c> when 1).</summary>
    Task AppendAsync(Guid streamKey, int first, int count, int perCall);

    /// <summary>Appends the same range one by one through an <see cref="IdempotentStreamProducer{T}"/> that starts at <paramref name="nextSequence"/>; returns the sequence it ended at.</summary>
    Task<long> AppendIdempotentAsync(Guid streamKey, string producerId, long nextSequence, int first, int count);
}

public sealed class AppendingGrain : Grain, IAppendingGrain
{
    public async Task AppendAsync(Guid streamKey, int first, int count, int perCall)
    {
        var stream = Stream(streamKey);
        for (var next = first; next < first + count; next += perCall)
        {
            if (perCall == 1)
            {
                await stream.OnNextAsync(next);
            }
            else
            {
                await stream.OnNextBatchAsync(Enumerable.Range(next, Math.Min(perCall, first + count - next)).ToList());
            }
        }
    }

    public async Task<long> AppendIdempotentAsync(Guid streamKey, string producerId, long nextSequence, int first, int count)
    {
        var producer = new IdempotentStreamProducer<int>(Stream(streamKey), producerId, nextSequence);
        for (var item = first; item < first + count; item++)
        {
            await producer.OnNextAsync(item);
        }

        return producer.NextSequence;
    }

    private IAsyncStream<int> Stream(Guid key) =>
        this.GetStreamProvider(LogStreamCluster.Provider).GetStream<int>(StreamId.Create(RecordingConsumerGrain.Namespace, key));
}
