using Grainflow.Streaming.Channels;
using static Grainflow.Streaming.Tests.Channels.AlignerProbe;

namespace Grainflow.Streaming.Tests.Channels;

public sealed class BarrierAlignerPropertyTests
{
    private const int Channels = 3;
    private const int Barriers = 5;

    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 40)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void TryNext_RandomInterleavingOfThreeChannels_RecordsBeforeEachBarrierAreExactlyThoseSentBeforeIt(int seed)
    {
        var random = new Random(seed);
        var sent = new List<ChannelMessage>[Channels];
        var expectedBefore = new HashSet<int>[Barriers + 1];
        for (var n = 1; n <= Barriers; n++)
        {
            expectedBefore[n] = [];
        }

        var next = 0;
        for (var channel = 0; channel < Channels; channel++)
        {
            sent[channel] = [];
            var numbers = new List<int>();
            for (var barrier = 1; barrier <= Barriers + 1; barrier++)
            {
                for (var batch = random.Next(0, 4); batch > 0; batch--)
                {
                    var records = Enumerable.Range(0, random.Next(1, 4)).Select(_ => (channel * 100_000) + next++).ToArray();
                    numbers.AddRange(records);
                    sent[channel].Add(Records(channel, records));
                }

                if (barrier <= Barriers)
                {
                    expectedBefore[barrier].UnionWith(numbers);
                    sent[channel].Add(ChannelMessage.Barrier(channel, barrier));
                }
            }

            sent[channel].Add(ChannelMessage.EndOfInput(channel));
        }

        var trace = Interleave(sent, random);

        for (var n = 1; n <= Barriers; n++)
        {
            var position = trace.IndexOf($"B{n}");
            Assert.True(position >= 0, $"barrier {n} was never handed out (seed {seed})");
            var handedOutBefore = trace.Take(position).Where(item => item[0] is not 'B' and not 'E').Select(int.Parse).ToList();
            Assert.Equal(handedOutBefore.Count, handedOutBefore.Distinct().Count());
            Assert.True(expectedBefore[n].SetEquals(handedOutBefore), $"records before barrier {n} differ (seed {seed})");
        }

        Assert.Equal("END", trace[^1]);
        Assert.Single(trace, item => item == "END");
        var all = trace.Where(item => item[0] is not 'B' and not 'E').Select(int.Parse).ToList();
        for (var channel = 0; channel < Channels; channel++)
        {
            var inChannel = all.Where(r => r / 100_000 == channel).ToList();
            Assert.Equal(inChannel.Order(), inChannel);
        }

        Assert.Equal(next, all.Count);
    }

    // Delivers each channel's messages in its order, channels chosen at random, draining at random points.
    private static List<string> Interleave(List<ChannelMessage>[] sent, Random random)
    {
        var aligner = new BarrierAligner(sent.Length);
        var cursors = new int[sent.Length];
        var trace = new List<string>();
        while (cursors.Where((c, channel) => c < sent[channel].Count).Any())
        {
            var live = Enumerable.Range(0, sent.Length).Where(channel => cursors[channel] < sent[channel].Count).ToList();
            var channel = live[random.Next(live.Count)];
            aligner.Add(sent[channel][cursors[channel]++]);
            if (random.Next(3) == 0)
            {
                trace.AddRange(Drain(aligner));
            }
        }

        trace.AddRange(Drain(aligner));
        return trace;
    }
}
