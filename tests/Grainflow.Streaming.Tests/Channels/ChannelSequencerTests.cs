using Grainflow.Streaming.Channels;
using static Grainflow.Streaming.Tests.Channels.AlignerProbe;

namespace Grainflow.Streaming.Tests.Channels;

public sealed class ChannelSequencerTests
{
    [Fact]
    public void Add_MessagesOfAChannelOutOfOrder_AlignerSeesThemInSendOrder()
    {
        var aligner = new BarrierAligner(2);
        var sequencer = new ChannelSequencer(aligner, 2);

        sequencer.Add(ChannelMessage.Data(0, Batch(3), sequence: 2));
        sequencer.Add(ChannelMessage.Data(1, Batch(10), sequence: 0));
        sequencer.Add(ChannelMessage.Barrier(0, 1, sequence: 1));
        Assert.Equal(2, sequencer.HeldBackCount);
        sequencer.Add(ChannelMessage.Data(0, Batch(1), sequence: 0));

        Assert.Equal(0, sequencer.HeldBackCount);
        Assert.Equal(["1", "10"], Drain(aligner));
        Assert.True(aligner.IsBlocked(0));
        sequencer.Add(ChannelMessage.Barrier(1, 1, sequence: 1));
        Assert.Equal(["B1", "3"], Drain(aligner));
    }

    [Fact]
    public void Add_SameMessageTwice_Throws()
    {
        var sequencer = new ChannelSequencer(new BarrierAligner(1), 1);
        sequencer.Add(ChannelMessage.Data(0, Batch(1), sequence: 0));
        sequencer.Add(ChannelMessage.Data(0, Batch(3), sequence: 2));

        Assert.Throws<InvalidOperationException>(() => sequencer.Add(ChannelMessage.Data(0, Batch(1), sequence: 0)));
        Assert.Throws<InvalidOperationException>(() => sequencer.Add(ChannelMessage.Data(0, Batch(3), sequence: 2)));
    }

    private static RecordBatch Batch(int record) => Records(0, record).Records!;
}
