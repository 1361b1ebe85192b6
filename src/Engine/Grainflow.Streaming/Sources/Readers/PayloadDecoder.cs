using Grainflow.Streaming.Api;

namespace Grainflow.Streaming.Sources.Readers;

/// <summary>One source record per log record, decoded from its payload.</summary>
internal sealed class PayloadDecoder<T>(Func<ReadOnlyMemory<byte>, T> decode) : ILogRecordDecoder<T>
{
    public int Decode(int partition, LogRecord record, ICollector<T> output)
    {
        output.Collect(decode(record.Payload));
        return 0;
    }
}
