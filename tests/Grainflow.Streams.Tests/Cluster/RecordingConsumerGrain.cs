using Grainflow.Streams.Log.Providers;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace Grainflow.Streams.Tests.Cluster;

public interface IRecordingConsumerGrain : IGrainWithGuidKey
{
    Task<ConsumerRecord> GetAsync();
}

/// <summary>What a consumer received: each item with its token's offset and index, and the size of each delivery.</summary>
[GenerateSerializer]
public sealed record ConsumerRecord(
    [property: Id(0)] List<int> Items, [property: Id(1)] List<(long Offset, int Index)> Positions, [property: Id(2)] List<int> DeliverySizes);

/// <summary>Subscribed implicitly to every stream of <see cref="Namespace"/>; records every delivery as a batch.</summary>
[ImplicitStreamSubscription(Namespace)]
public sealed class RecordingConsumerGrain : Grain, IRecordingConsumerGrain, IStreamSubscriptionObserver
{
    public const string Namespace = "numbers";
    private readonly ConsumerRecord _record = new([], [], []);

    public Task<ConsumerRecord> GetAsync() => Task.FromResult(_record);

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory)
    {
        await handleFactory.Create<int>().ResumeAsync(items =>
        {
            _record.DeliverySizes.Add(items.Count);
            foreach (var item in items)
            {
                var token = Assert.IsType<LogSequenceToken>(item.Token);
                _record.Items.Add(item.Item);
                _record.Positions.Add((token.Offset, token.EventIndex));
            }

            return Task.CompletedTask;
        });
    }
}
