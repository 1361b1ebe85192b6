using Grainflow.Streams.Log.Providers;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace Grainflow.Streams.Tests.Jobs;

public interface IResultConsumerGrain : IGrainWithStringKey
{
    /// <summary>Every result received, in order, each once.</summary>
    Task<List<string>> GetAsync();
}

/// <summary>
/// Subscribed implicitly to every stream of <see cref="Namespace"/>, where the jobs under test write their results: the
/// way an Orleans application consumes a job's output. Like any consumer of an at-least-once provider it skips what it
/// has seen by token (a pulling agent that takes a partition over delivers from its delivery mark again).
/// </summary>
[ImplicitStreamSubscription(Namespace)]
public sealed class ResultConsumerGrain : Grain, IResultConsumerGrain, IStreamSubscriptionObserver
{
    public const string Namespace = "counts";
    private readonly List<string> _received = [];
    private LogSequenceToken? _last;

    public Task<List<string>> GetAsync() => Task.FromResult(_received);

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory)
    {
        await handleFactory.Create<string>().ResumeAsync(items =>
        {
            foreach (var item in items)
            {
                var token = Assert.IsType<LogSequenceToken>(item.Token);
                if (_last is null || token.CompareTo(_last) > 0)
                {
                    _received.Add(item.Item);
                    _last = token;
                }
            }

            return Task.CompletedTask;
        });
    }
}
