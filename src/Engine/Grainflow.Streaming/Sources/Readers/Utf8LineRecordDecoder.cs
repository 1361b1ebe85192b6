using Grainflow.Streaming.Api;

namespace Grainflow.Streaming.Sources.Readers;

/// <summary>One line of text per log record: its payload as UTF-8, each invalid sequence read as U+FFFD and counted.</summary>
internal sealed class Utf8LineRecordDecoder : ILogRecordDecoder<string>
{
    public int Decode(int partition, LogRecord record, ICollector<string> output)
    {
        output.Collect(Utf8LineDecoder.Decode(record.Payload.Span, out var invalidSequences));
        return invalidSequences;
    }
}
