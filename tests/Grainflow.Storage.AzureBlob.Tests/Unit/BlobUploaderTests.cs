using System.Net;
using System.Text;
using System.Xml.Linq;
using Azure;
using Grainflow.Storage.AzureBlob.Models;
using Grainflow.Storage.AzureBlob.Tests.Fakes;

namespace Grainflow.Storage.AzureBlob.Tests.Unit;

public sealed class BlobUploaderTests
{
    private static readonly BlobTransferOptions s_smallBlocks = new() { SingleUploadThreshold = 10, BlockSize = 4, MaxConcurrency = 2 };

    private readonly ManualTimeProvider _time = new(TestPipelines.Start);
    private readonly FakeHttpMessageHandler _handler;

    public BlobUploaderTests() => _handler = new FakeHttpMessageHandler(_time).Then(HttpStatusCode.Created);

    [Fact]
    public async Task UploadAsync_ContentAtThreshold_SinglePutBlob()
    {
        var blob = TestPipelines.CreateBlobClient(_handler, _time);

        await blob.UploadAsync(new NonSeekableStream(Bytes(10)), new BlobUploadOptions { TransferOptions = s_smallBlocks, ContentType = "text/plain" });

        var request = Assert.Single(_handler.Requests);
        Assert.Equal("http://127.0.0.1:10000/devstoreaccount1/c/b", request.Uri.ToString());
        Assert.Equal("BlockBlob", request.Headers["x-ms-blob-type"]);
        Assert.Equal("text/plain", request.Headers["x-ms-blob-content-type"]);
        Assert.Equal(Bytes(10), request.Body);
    }

    [Theory]
    [InlineData(11, false, 3)]
    [InlineData(25, true, 7)]
    [InlineData(25, false, 7)]
    public async Task UploadAsync_ContentAboveThreshold_PutBlocksThenBlockListInOrder(int length, bool seekable, int expectedBlocks)
    {
        var content = Bytes(length);
        var blob = TestPipelines.CreateBlobClient(_handler, _time);
        var conditions = new BlobRequestConditions { IfNoneMatch = ETag.All, LeaseId = "lease-1" };
        Stream stream = seekable ? new MemoryStream(content) : new NonSeekableStream(content);

        await blob.UploadAsync(stream, new BlobUploadOptions { TransferOptions = s_smallBlocks, Conditions = conditions, Metadata = new Dictionary<string, string> { ["job"] = "j1" } });

        var blocks = _handler.Requests.Where(r => r.Uri.Query.Contains("comp=block&", StringComparison.Ordinal)).ToList();
        var commit = Assert.Single(_handler.Requests, r => r.Uri.Query == "?comp=blocklist");
        Assert.Equal(expectedBlocks + 1, _handler.Requests.Count);
        Assert.Equal(expectedBlocks, blocks.Count);
        Assert.All(blocks, b => Assert.Equal("lease-1", b.Headers["x-ms-lease-id"]));
        Assert.All(blocks, b => Assert.False(b.Headers.ContainsKey("If-None-Match")));
        Assert.Equal("*", commit.Headers["If-None-Match"]);
        Assert.Equal("lease-1", commit.Headers["x-ms-lease-id"]);
        Assert.Equal("j1", commit.Headers["x-ms-meta-job"]);

        var committedIds = XDocument.Parse(Encoding.UTF8.GetString(commit.Body)).Root!.Elements("Latest").Select(e => e.Value).ToList();
        var bodyById = blocks.ToDictionary(b => Uri.UnescapeDataString(b.Uri.Query.Split("blockid=")[1]), b => b.Body);
        Assert.Equal(expectedBlocks, committedIds.Distinct().Count());
        Assert.All(committedIds, id => Assert.Equal(committedIds[0].Length, id.Length));
        Assert.Equal(content, committedIds.SelectMany(id => bodyById[id]).ToArray());
    }

    [Fact]
    public async Task UploadAsync_PutBlockFailsTransiently_ReplaysThatBlock()
    {
        var handler = new FakeHttpMessageHandler(_time).Then(HttpStatusCode.InternalServerError).Then(HttpStatusCode.Created);
        var blob = TestPipelines.CreateBlobClient(handler, _time);
        var transfer = new BlobTransferOptions { SingleUploadThreshold = 0, BlockSize = 8, MaxConcurrency = 1 };

        var upload = blob.UploadAsync(BinaryData.FromBytes(Bytes(8)), new BlobUploadOptions { TransferOptions = transfer });
        await _time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        _time.Advance(TimeSpan.FromSeconds(1));
        await upload;

        Assert.Equal(3, handler.Requests.Count);
        Assert.Equal(handler.Requests[0].Uri, handler.Requests[1].Uri);
        Assert.Equal(Bytes(8), handler.Requests[1].Body);
        Assert.Equal("?comp=blocklist", handler.Requests[2].Uri.Query);
    }

    private static byte[] Bytes(int length) => Enumerable.Range(0, length).Select(i => (byte)(i * 7)).ToArray();
}
