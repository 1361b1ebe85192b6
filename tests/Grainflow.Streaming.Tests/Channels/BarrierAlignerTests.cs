using Grainflow.Streaming.Channels;
using static Grainflow.Streaming.Tests.Channels.AlignerProbe;

namespace Grainflow.Streaming.Tests.Channels;

public sealed class BarrierAlignerTests
{
    [Fact]
    public void TryNext_RecordsBehindBarrierOnAlignedChannel_HeldBackUntilBarrierOnEveryChannel()
    {
        var aligner = new BarrierAligner(3);
        aligner.Add(Records(0, 1, 2));
        aligner.Add(ChannelMessage.Barrier(0, 1));
        aligner.Add(Records(0, 3));
        aligner.Add(Records(1, 10));
        aligner.Add(ChannelMessage.Barrier(1, 1));
        aligner.Add(Records(1, 11));
        aligner.Add(Records(2, 20));

        Assert.Equal(["1", "2", "10", "20"], Drain(aligner));
        Assert.Equal(1, aligner.PendingBarrier);
        Assert.True(aligner.IsBlocked(0));
        Assert.True(aligner.IsBlocked(1));
        Assert.False(aligner.IsBlocked(2));
        Assert.Equal(2, aligner.QueuedCount);
    }

    [Fact]
    public void TryNext_BarrierArrivesOnLastChannel_BarrierHandedOutBeforeHeldBackRecords()
    {
        var aligner = new BarrierAligner(3);
        aligner.Add(ChannelMessage.Barrier(0, 1));
        aligner.Add(Records(0, 3, 4));
        aligner.Add(ChannelMessage.Barrier(1, 1));
        aligner.Add(Records(1, 11));
        aligner.Add(Records(2, 20));
        Assert.Equal(["20"], Drain(aligner));

        aligner.Add(ChannelMessage.Barrier(2, 1));
        aligner.Add(Records(2, 21));

        Assert.Equal(["B1", "3", "4", "11", "21"], Drain(aligner));
        Assert.Equal(0, aligner.PendingBarrier);
        Assert.Equal(0, aligner.QueuedCount);
    }

    [Fact]
    public void TryNext_SeveralBatchesPerChannel_OrderWithinEachChannelPreserved()
    {
        var aligner = new BarrierAligner(2);
        aligner.Add(Records(0, 1));
        aligner.Add(Records(1, 101));
        aligner.Add(Records(0, 2, 3));
        aligner.Add(ChannelMessage.Barrier(0, 1));
        aligner.Add(Records(0, 4));
        aligner.Add(Records(0, 5));
        aligner.Add(Records(1, 102));
        aligner.Add(ChannelMessage.Barrier(1, 1));
        aligner.Add(Records(1, 103));

        var trace = Drain(aligner);

        var barrier = trace.IndexOf("B1");
        var records = trace.Where(item => item != "B1").Select(int.Parse).ToList();
        Assert.Equal([1, 2, 3, 4, 5], records.Where(r => r < 100));
        Assert.Equal([101, 102, 103], records.Where(r => r >= 100));
        Assert.Equal([1, 2, 3, 101, 102], trace.Take(barrier).Select(int.Parse).Order());
        Assert.Equal([4, 5, 103], trace.Skip(barrier + 1).Select(int.Parse).Order());
    }

    [Fact]
    public void TryNext_EndedChannel_CountsAsAligned()
    {
        var aligner = new BarrierAligner(3);
        aligner.Add(ChannelMessage.EndOfInput(2));
        aligner.Add(ChannelMessage.Barrier(0, 7));
        aligner.Add(Records(0, 1));
        Assert.Empty(Drain(aligner));

        aligner.Add(ChannelMessage.Barrier(1, 7));

        Assert.Equal(["B7", "1"], Drain(aligner));
    }

    [Fact]
    public void TryNext_ChannelEndsWhileOthersAwaitIt_CompletesAlignment()
    {
        var aligner = new BarrierAligner(2);
        aligner.Add(ChannelMessage.Barrier(0, 3));
        aligner.Add(Records(0, 5));
        aligner.Add(Records(1, 9));
        Assert.Equal(["9"], Drain(aligner));

        aligner.Add(ChannelMessage.EndOfInput(1));

        Assert.Equal(["B3", "5"], Drain(aligner));
    }

    [Fact]
    public void TryNext_EveryChannelEnded_EndHandedOutExactlyOnce()
    {
        var aligner = new BarrierAligner(2);
        aligner.Add(Records(0, 1));
        aligner.Add(ChannelMessage.EndOfInput(0));
        Assert.Equal(["1"], Drain(aligner));

        aligner.Add(ChannelMessage.EndOfInput(1));

        Assert.Equal(["END"], Drain(aligner));
        Assert.Empty(Drain(aligner));
    }

    [Fact]
    public void TryNext_NewerBarrierWhileOneIsPending_ReleasesHeldChannelsThenAlignsTheNewer()
    {
        // Checkpoint 1 timed out; the source of channel 1 skipped it and emitted barrier 2 only.
        var aligner = new BarrierAligner(2);
        aligner.Add(Records(0, 1));
        aligner.Add(ChannelMessage.Barrier(0, 1));
        aligner.Add(Records(0, 2));
        aligner.Add(ChannelMessage.Barrier(0, 2));
        aligner.Add(Records(0, 3));
        Assert.Equal(["1"], Drain(aligner));

        aligner.Add(Records(1, 10));
        aligner.Add(ChannelMessage.Barrier(1, 2));
        aligner.Add(Records(1, 11));

        Assert.Equal(["10", "2", "B2", "3", "11"], Drain(aligner));
        Assert.Equal(1, aligner.SupersededCount);
        Assert.Equal(0, aligner.PendingBarrier);
        Assert.Equal(0, aligner.QueuedCount);
    }

    [Fact]
    public void TryNext_BarrierOfASupersededCheckpointArrivesLate_IsDropped()
    {
        var aligner = new BarrierAligner(3);
        aligner.Add(ChannelMessage.Barrier(0, 1));
        aligner.Add(ChannelMessage.Barrier(1, 2));
        Assert.Empty(Drain(aligner));
        Assert.Equal(2, aligner.PendingBarrier);

        // Channel 2 still delivers the given-up barrier 1 before barrier 2; channel 0 delivers barrier 2 after its 1.
        aligner.Add(Records(2, 20));
        aligner.Add(ChannelMessage.Barrier(2, 1));
        aligner.Add(Records(2, 21));
        aligner.Add(ChannelMessage.Barrier(2, 2));
        aligner.Add(Records(0, 5));
        aligner.Add(ChannelMessage.Barrier(0, 2));

        Assert.Equal(["5", "20", "21", "B2"], Drain(aligner));
        Assert.Equal(1, aligner.SupersededCount);
        Assert.Equal(0, aligner.QueuedCount);
    }

    [Fact]
    public void TryNext_BarrierOlderThanOneAlreadyAligned_IsDropped()
    {
        var aligner = new BarrierAligner(1);
        aligner.Add(ChannelMessage.Barrier(0, 3));
        Assert.Equal(["B3"], Drain(aligner));

        aligner.Add(ChannelMessage.Barrier(0, 2));
        aligner.Add(Records(0, 7));

        Assert.Equal(["7"], Drain(aligner));
        Assert.Equal(0, aligner.PendingBarrier);
    }

    [Fact]
    public void Add_MessageAfterEndOfInputWasHandled_Throws()
    {
        var aligner = new BarrierAligner(2);
        aligner.Add(ChannelMessage.EndOfInput(0));
        Assert.Empty(Drain(aligner));

        Assert.Throws<InvalidOperationException>(() => aligner.Add(Records(0, 1)));
    }

    [Fact]
    public void Add_MessageAfterEndOfInputStillQueued_Throws()
    {
        var aligner = new BarrierAligner(2);
        aligner.Add(ChannelMessage.EndOfInput(0));

        Assert.Throws<InvalidOperationException>(() => aligner.Add(ChannelMessage.Barrier(0, 1)));
        Assert.Throws<InvalidOperationException>(() => aligner.Add(Records(0, 1)));
        Assert.Empty(Drain(aligner));
    }
}
