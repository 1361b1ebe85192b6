using Grainflow.Streaming.Sources;

namespace Grainflow.Streaming.Tests.Sources;

public sealed class InMemoryLogContractTests : LogContractTests
{
    protected override IReplayableLog CreateLog(int partitionCount = 1) => new InMemoryLog(partitionCount);

    [Fact]
    public async Task DeleteBeforeAsync_Offset_MakesItTheFirstOffset()
    {
        var log = new InMemoryLog();
        await using var writer = await log.OpenWriterAsync(0);
        await AppendAndFlushAsync(writer, 0, 10);

        Assert.Equal(4, await writer.DeleteBeforeAsync(4));
        Assert.Equal(new LogPartitionBounds(4, 10), await log.GetBoundsAsync(0));
    }
}
