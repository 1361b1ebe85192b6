using Grainflow.Streaming.Channels;
using Grainflow.Streaming.Tasks;

namespace Grainflow.Streaming.Tests.Tasks;

public sealed class OutputChannelTests
{
    [Fact]
    public void SendData_CreditsUsedUp_DataWaitsAndBarrierKeepsItsPlaceBehindIt()
    {
        var receiver = new ScriptedReceiver();
        var output = new OutputChannel(receiver, channel: 3, credits: 2, () => { }, _ => { });

        output.SendData(Batch());
        output.SendData(Batch());
        output.SendData(Batch());
        output.SendBarrier(7);

        Assert.Equal(["data#0", "data#1"], receiver.Received);
        Assert.True(output.IsWaitingForCredit);

        receiver.Answer(0, credits: 0);
        Assert.Equal(2, receiver.Received.Count);

        output.Grant(1);
        Assert.Equal(["data#0", "data#1", "data#2", "barrier 7#3"], receiver.Received);
        Assert.False(output.IsWaitingForCredit);
        Assert.All(receiver.Messages, m => Assert.Equal(3, m.Channel));
    }

    [Fact]
    public void SendBarrier_NoCreditLeftButNothingWaiting_GoesOutAtOnce()
    {
        var receiver = new ScriptedReceiver();
        var output = new OutputChannel(receiver, channel: 0, credits: 1, () => { }, _ => { });

        output.SendData(Batch());
        output.SendBarrier(1);

        Assert.Equal(["data#0", "barrier 1#1"], receiver.Received);
        Assert.False(output.IsWaitingForCredit);
    }

    [Fact]
    public void SendData_AnswerGivesCreditBack_WaitingDataGoesAndOwnerIsTold()
    {
        var receiver = new ScriptedReceiver();
        var returned = 0;
        var output = new OutputChannel(receiver, channel: 0, credits: 1, () => returned++, _ => { });
        output.SendData(Batch());
        output.SendData(Batch());
        Assert.Single(receiver.Received);

        receiver.Answer(0, credits: 1);

        Assert.Equal(["data#0", "data#1"], receiver.Received);
        Assert.False(output.IsWaitingForCredit);
        Assert.Equal(1, returned);
    }

    [Fact]
    public void SendData_AnswerFails_OwnerGetsTheFailure()
    {
        var receiver = new ScriptedReceiver();
        Exception? failure = null;
        var output = new OutputChannel(receiver, channel: 0, credits: 1, () => { }, e => failure = e);
        output.SendData(Batch());

        var error = new TimeoutException("no answer");
        receiver.Fail(0, error);

        Assert.Same(error, failure);
    }

    [Fact]
    public async Task SendDataOrGrant_OffTheOwningTasksScheduler_ThrowsAndSendsNothing()
    {
        // The owning task's turns run on one exclusive scheduler, as a grain's do; a push from the thread pool (a source
        // reader that left the turn after a file read) once sent a batch twice beside a credit grant.
        var turns = new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler;
        var receiver = new ScriptedReceiver();
        var output = await Task.Factory.StartNew(
            () =>
            {
                var channel = new OutputChannel(receiver, channel: 0, credits: 1, () => { }, _ => { });
                channel.SendData(Batch());
                return channel;
            },
            CancellationToken.None,
            TaskCreationOptions.None,
            turns);

        var offData = await Task.Run(() => Record.Exception(() => output.SendData(Batch())));
        var offGrant = await Task.Run(() => Record.Exception(() => output.Grant(1)));

        Assert.IsType<InvalidOperationException>(offData);
        Assert.IsType<InvalidOperationException>(offGrant);
        Assert.Equal(["data#0"], receiver.Received);
        await Task.Factory.StartNew(() => output.Grant(1), CancellationToken.None, TaskCreationOptions.None, turns);
        Assert.Equal(["data#0"], receiver.Received);
    }

    private static RecordBatch<string> Batch()
    {
        var batch = new RecordBatch<string>(1);
        batch.Add("word", 0);
        return batch;
    }

    /// <summary>A receiver whose answers the test gives, one by one, in any order.</summary>
    private sealed class ScriptedReceiver : IChannelReceiver
    {
        private readonly List<TaskCompletionSource<int>> _answers = [];

        public List<ChannelMessage> Messages { get; } = [];

        public List<string> Received => [.. Messages.Select(m => (m.IsBarrier ? $"barrier {m.BarrierId}" : "data") + "#" + m.Sequence)];

        public Task<int> ReceiveAsync(ChannelMessage message)
        {
            Messages.Add(message);
            var answer = new TaskCompletionSource<int>();
            _answers.Add(answer);
            return answer.Task;
        }

        public void Answer(int call, int credits) => _answers[call].SetResult(credits);

        public void Fail(int call, Exception exception) => _answers[call].SetException(exception);
    }
}
