using Grainflow.Streams.Log.Providers;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace Grainflow.Streams.Tests.Cluster;

public interface IFlakyConsumerGrain : IGrainWithGuidKey
{
    Task<ConsumerRecord> GetAsync();
}

/// <summary>
/// Throws the first <see cref="Failures"/> times it is handed item <see cref="PoisonItem"/>, then accepts it. Keeps each
/// item once, by its token: a redelivered container repeats items it already processed, as at-least-once delivery does.
/// </summary>
[ImplicitStreamSubscription(Namespace)]
public sealed class FlakyConsumerGrain : Grain, IFlakyConsumerGrain, IStreamSubscriptionObserver
{
    public const string Namespace = "flaky";
    public const int PoisonItem = 5;
    public const int Failures = 3;
    private readonly ConsumerRecord _record = new([], [], []);
    private readonly HashSet<(long, int)> _seen = [];
    private int _failures;

    public Task<ConsumerRecord> GetAsync() => Task.FromResult(_record with { DeliverySizes = [_failures] });

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory)
    {
        await handleFactory.Create<int>().ResumeAsync((item, token) =>
        {
            var position = (token!.SequenceNumber, token.EventIndex);
            if (_seen.Contains(position))
            {
                return Task.CompletedTask;
            }

            if (item == PoisonItem && _failures < Failures)
            {
                _failures++;
                throw new InvalidOperationException($"Item {item} fails ({_failures} of {Failures}).");
            }

            Assert.IsType<LogSequenceToken>(token);
            _seen.Add(position);
            _record.Items.Add(item);
            _record.Positions.Add(position);
            return Task.CompletedTask;
        });
    }
}
