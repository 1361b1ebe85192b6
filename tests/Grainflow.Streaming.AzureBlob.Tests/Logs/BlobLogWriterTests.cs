using System.Text;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Grainflow.Streaming.AzureBlob.Logs;
using Grainflow.Streaming.AzureBlob.Tests.Azurite;
using Grainflow.Streaming.Sources;
using Grainflow.Tests.Shared.Azurite;

namespace Grainflow.Streaming.AzureBlob.Tests.Logs;

/// <summary>What the blob log adds to the contract: one writer per partition across processes, segments, recovery.</summary>
[Collection(AzuriteCheckpointCollection.Name)]
public sealed class BlobLogWriterTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly string _containerName = TestStorage.NewContainerName();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => TestStorage.DeleteContainerAsync(azurite, _containerName);

    [Fact]
    public async Task FlushAsync_AnotherProcessWriterAppendedFirst_ThrowsFencedAndStoresOnlyTheWinnersRecord()
    {
        // Two log instances stand for two processes: the in-process guard of one does not see the other's writer.
        await using var first = await NewLog().OpenWriterAsync(0);
        await using var second = await NewLog().OpenWriterAsync(0);
        await second.AppendAsync(Bytes("second"));
        await second.FlushAsync();

        await first.AppendAsync(Bytes("first"));
        await Assert.ThrowsAsync<BlobLogFencedException>(() => first.FlushAsync().AsTask());

        Assert.Equal(["second"], await ReadAllAsync(NewLog(), 0));
        await Assert.ThrowsAsync<InvalidOperationException>(() => first.AppendAsync(Bytes("again")).AsTask());
    }

    [Fact]
    public async Task OpenWriterAsync_AfterAFencedWriter_ContinuesAfterTheOtherWritersRecords()
    {
        await using (var winner = await NewLog().OpenWriterAsync(0))
        {
            await winner.AppendAsync(Bytes("a"));
            await winner.AppendAsync(Bytes("b"));
        }

        await using var reopened = await NewLog().OpenWriterAsync(0);

        Assert.Equal(2, reopened.NextOffset);
        Assert.Equal(2, await reopened.AppendAsync(Bytes("c")));
        await reopened.FlushAsync();
        Assert.Equal(["a", "b", "c"], await ReadAllAsync(NewLog(), 0));
    }

    [Fact]
    public async Task FlushAsync_SegmentFull_SealsItAndNamesTheNextByItsFirstOffset()
    {
        var log = NewLog(segmentSize: 3 * 9);
        await using (var writer = await log.OpenWriterAsync(0))
        {
            for (var i = 0; i < 7; i++)
            {
                await writer.AppendAsync(Bytes(i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        var container = TestStorage.Container(azurite, _containerName);
        var segments = new List<(string Name, bool Sealed)>();
        await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Prefix = "partition-0000/" }))
        {
            segments.Add((blob.Name, blob.Properties.IsSealed == true));
        }

        Assert.Equal(
            [("partition-0000/00000000000000000000", true), ("partition-0000/00000000000000000003", true), ("partition-0000/00000000000000000006", false)],
            segments);
        Assert.Equal(["3", "4", "5", "6"], await ReadAllAsync(log, 3));
    }

    [Fact]
    public async Task OpenWriterAsync_LastSegmentSealedBeforeItsSuccessorWasCreated_CreatesItAndContinues()
    {
        var log = NewLog();
        await using (var writer = await log.OpenWriterAsync(0))
        {
            await writer.AppendAsync(Bytes("a"));
        }

        // A roll interrupted between the seal and the creation of the next segment.
        await TestStorage.Container(azurite, _containerName).GetAppendBlobClient("partition-0000/00000000000000000000").SealAsync();
        using var reader = await log.OpenReaderAsync(0, 1);

        await using (var writer = await log.OpenWriterAsync(0))
        {
            Assert.Equal(1, await writer.AppendAsync(Bytes("b")));
        }

        Assert.Equal(["a", "b"], await ReadAllAsync(log, 0));
        var batch = new LogRecordBatch();
        Assert.Equal(1, await reader.ReadAsync(batch));
        Assert.Equal((1L, "b"), (batch.Records[0].Offset, Encoding.UTF8.GetString(batch.Records[0].Payload.Span)));
    }

    [Fact]
    public async Task OpenWriterAsync_LogRecordedAnotherPartitionCount_ThrowsNamingBoth()
    {
        await using (await NewLog(partitions: 2).OpenWriterAsync(0))
        {
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => NewLog(partitions: 3).OpenWriterAsync(0).AsTask());

        Assert.Contains("has 2 partitions, but 3 were configured", error.Message, StringComparison.Ordinal);
    }

    private BlobLog NewLog(int partitions = 1, long segmentSize = 1024 * 1024) =>
        new(TestStorage.Container(azurite, _containerName), new BlobLogOptions { PartitionCount = partitions, SegmentSize = segmentSize });

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static async Task<List<string>> ReadAllAsync(BlobLog log, long from)
    {
        using var reader = await log.OpenReaderAsync(0, from);
        var batch = new LogRecordBatch();
        var texts = new List<string>();
        while (await reader.ReadAsync(batch) > 0)
        {
            foreach (var record in batch.Records)
            {
                texts.Add(Encoding.UTF8.GetString(record.Payload.Span));
            }
        }

        return texts;
    }
}
