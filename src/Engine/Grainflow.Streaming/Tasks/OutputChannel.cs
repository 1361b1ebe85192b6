using Grainflow.Streaming.Channels;

namespace Grainflow.Streaming.Tasks;

/// <summary>
/// One output channel of a task, under credit-based flow control: a data batch is sent only with credit (the
/// receiver grants <c>credits</c> up front and gives each back once it processed the batch), and waits here otherwise.
/// Barriers and end of input need no credit, but keep their place behind data that waits, so the channel stays in order.
/// Sends are pipelined, not awaited one by one, so each carries its place in the channel.
/// </summary>
/// <remarks>
/// Not thread-safe: called from the owning task's turns, and the answers' continuations come back to the task's own
/// scheduler (the grain's), never run beside it. A call from any other scheduler throws: a source reader once pushed
/// records from the thread pool after a file read, beside a credit grant on the grain, and the two sent one batch twice.
/// </remarks>
internal sealed class OutputChannel(IChannelReceiver receiver, int channel, int credits, Action creditReturned, Action<Exception> failed)
{
    private readonly Queue<ChannelMessage> _waiting = new();
    private readonly TaskScheduler _owner = TaskScheduler.Current;
    private long _nextSequence;
    private int _credits = credits;

    /// <summary>Whether messages wait for credit.</summary>
    public bool IsWaitingForCredit => _waiting.Count > 0;

    /// <summary>Sends a data batch now, or as soon as the receiver gives credit back.</summary>
    public void SendData(RecordBatch records)
    {
        EnsureOwnersScheduler();
        Enqueue(ChannelMessage.Data(channel, records, _nextSequence++));
    }

    /// <summary>Sends a barrier, right behind the data batches that wait for credit.</summary>
    public void SendBarrier(long checkpointId)
    {
        EnsureOwnersScheduler();
        Enqueue(ChannelMessage.Barrier(channel, checkpointId, _nextSequence++));
    }

    /// <summary>The receiver gave back <paramref name="granted"/> credits: send what waits for them.</summary>
    public void Grant(int granted)
    {
        EnsureOwnersScheduler();
        if (granted <= 0)
        {
            return;
        }

        _credits += granted;
        Pump();
        creditReturned();
    }

    private void Enqueue(ChannelMessage message)
    {
        _waiting.Enqueue(message);
        Pump();
    }

    private void Pump()
    {
        while (_waiting.TryPeek(out var next) && (next.Records is null || _credits > 0))
        {
            _waiting.Dequeue();
            if (next.Records is not null)
            {
                _credits--;
            }

            var answer = receiver.ReceiveAsync(next);
            if (answer.IsCompletedSuccessfully)
            {
                _credits += answer.Result;
            }
            else
            {
                _ = TakeCreditFromAnswerAsync(answer);
            }
        }
    }

    private async Task TakeCreditFromAnswerAsync(Task<int> answer)
    {
        int granted;
        try
        {
            // Back on the task's own scheduler: the credit and what it sends belong to the task's turns.
            granted = await answer.ConfigureAwait(true);
        }
        catch (Exception exception)
        {
            failed(exception);
            return;
        }

        Grant(granted);
    }

    private void EnsureOwnersScheduler()
    {
        if (TaskScheduler.Current != _owner)
        {
            throw new InvalidOperationException(
                $"Output channel {channel} was used off its task's scheduler ({TaskScheduler.Current}, not {_owner}): a source reader or function must not leave the task's turn before emitting.");
        }
    }
}
