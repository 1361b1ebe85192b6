using System.Diagnostics;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace Grainflow.Benchmarks.StreamProviders;

/// <summary>Subscribed implicitly to every stream of <see cref="Namespace"/> of any provider; counts what pulling agents deliver.</summary>
[ImplicitStreamSubscription(Namespace)]
internal sealed class CountingConsumerGrain : Grain, ICountingConsumerGrain, IStreamSubscriptionObserver
{
    public const string Namespace = "delivered";
    private ConsumerCount _count = new(0, 0, 0, 0);

    public Task<ConsumerCount> GetAsync() => Task.FromResult(_count);

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory)
    {
        await handleFactory.Create<string>().ResumeAsync(events =>
        {
            var now = Stopwatch.GetTimestamp();
            _count = new ConsumerCount(_count.Events + events.Count, _count.Deliveries + 1, _count.Deliveries == 0 ? now : _count.FirstDelivery, now);
            return Task.CompletedTask;
        });
    }
}
