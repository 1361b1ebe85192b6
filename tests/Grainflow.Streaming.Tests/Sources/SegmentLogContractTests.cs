using Grainflow.Streaming.Sources;

namespace Grainflow.Streaming.Tests.Sources;

public sealed class SegmentLogContractTests : LogContractTests, IDisposable
{
    // "record-NNNN" frames take 8 + 11 bytes: 10 records after the 16-byte header fill a 206-byte segment.
    internal const long SmallSegmentSize = 16 + (10 * 19);

    private readonly TempDirectory _directory = new();

    protected override IReplayableLog CreateLog(int partitionCount = 1) =>
        SegmentLog.Open(_directory.Combine("log"), new SegmentLogOptions { PartitionCount = partitionCount, SegmentSize = SmallSegmentSize });

    public void Dispose() => _directory.Dispose();
}
