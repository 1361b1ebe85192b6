using Grainflow.Streaming.Channels;

namespace Grainflow.Streaming.Tests.Channels;

public sealed class InputCreditsTests
{
    [Fact]
    public void Processed_BatchesProcessedLater_CreditOwedToTheirChannelOnly()
    {
        var credits = new InputCredits(channelCount: 2, creditsPerChannel: 3);
        credits.Received(ChannelMessage.Data(0, Batch()));
        credits.Received(ChannelMessage.Data(0, Batch(), sequence: 1));
        credits.Received(ChannelMessage.Barrier(1, 1));
        credits.Received(ChannelMessage.Data(1, Batch(), sequence: 1));
        Assert.Equal(2, credits.PeakBuffered);

        credits.Processed(0);
        credits.Processed(0);
        Assert.True(credits.IsOwedToOtherThan(1));
        Assert.False(credits.IsOwedToOtherThan(0));
        Assert.True(credits.IsOwedToOtherThan(-1));
        Assert.Equal(0, credits.TakeOwed(1));
        Assert.Equal(2, credits.TakeOwed(0));
        Assert.Equal(0, credits.TakeOwed(0));
    }

    private static RecordBatch<string> Batch()
    {
        var batch = new RecordBatch<string>(1);
        batch.Add("word", 0);
        return batch;
    }
}
