using Grainflow.Streaming.Channels;

namespace Grainflow.Streaming.Tests.Channels;

/// <summary>Builds channel messages of numbered records and drains an aligner into a readable trace.</summary>
internal static class AlignerProbe
{
    public static ChannelMessage Records(int channel, params int[] records)
    {
        var batch = new RecordBatch<int>(records.Length);
        foreach (var record in records)
        {
            batch.Add(record, keyGroup: 0);
        }

        return ChannelMessage.Data(channel, batch);
    }

    /// <summary>Pulls everything the aligner hands out now: records as their numbers, barriers as "B&lt;id&gt;", the end as "END".</summary>
    public static List<string> Drain(BarrierAligner aligner)
    {
        var trace = new List<string>();
        while (aligner.TryNext(out var next))
        {
            switch (next.Kind)
            {
                case AlignedInputKind.Records:
                    foreach (var record in ((RecordBatch<int>)next.Records!).Records)
                    {
                        trace.Add(record.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    }

                    break;
                case AlignedInputKind.BarrierAligned:
                    trace.Add($"B{next.CheckpointId}");
                    break;
                case AlignedInputKind.EndOfInput:
                    trace.Add("END");
                    break;
            }
        }

        return trace;
    }
}
