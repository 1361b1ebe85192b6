using Azure;
using Grainflow.Storage.AzureBlob.Models;

namespace Grainflow.Storage.AzureBlob.Tests.Azurite;

/// <summary>
/// Every operation of the client against Azurite. One subclass per way of authenticating; all must pass the same tests.
/// </summary>
public abstract class BlobOperationsContractTests : IDisposable
{
    private static int s_containerCounter;

    protected BlobOperationsContractTests(AzuriteFixture azurite)
    {
        Azurite = azurite;
        Transport = new CountingHandler();
        Options = new BlobClientOptions { Transport = Transport };
        Service = CreateServiceClient(Options);
    }

    protected AzuriteFixture Azurite { get; }

    internal CountingHandler Transport { get; }

    protected BlobClientOptions Options { get; }

    protected BlobServiceClient Service { get; }

    protected abstract BlobServiceClient CreateServiceClient(BlobClientOptions options);

    public void Dispose()
    {
        Transport.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task CreateIfNotExistsAsync_NewThenExisting_TrueThenFalse()
    {
        var container = Service.GetBlobContainerClient(NewContainerName());

        Assert.True(await container.CreateIfNotExistsAsync());
        Assert.False(await container.CreateIfNotExistsAsync());
        var error = await Assert.ThrowsAsync<BlobStorageException>(() => container.CreateAsync());
        Assert.True(error.IsConflict);
        Assert.Equal("ContainerAlreadyExists", error.ErrorCode);
    }

    [Fact]
    public async Task UploadAsync_IfNoneMatchAll_CreatedOnceThenConflict()
    {
        var blob = (await NewContainerAsync()).GetBlobClient("chk-1/_metadata");
        var createOnly = new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } };

        var created = await blob.UploadAsync(BinaryData.FromString("first"), createOnly);
        var error = await Assert.ThrowsAsync<BlobStorageException>(() => blob.UploadAsync(BinaryData.FromString("second"), createOnly));

        Assert.NotEqual(default, created.ETag);
        Assert.True(error.IsConflict);
        Assert.False(error.IsPreconditionFailed);
        Assert.Equal(409, error.Status);
        Assert.Equal("BlobAlreadyExists", error.ErrorCode);
        Assert.Equal("first", (await blob.DownloadContentAsync()).Content.ToString());
    }

    [Fact]
    public async Task UploadAsync_IfMatchStaleETag_PreconditionFailedAndNotRetried()
    {
        var blob = (await NewContainerAsync()).GetBlobClient("latest");
        var first = await blob.UploadAsync(BinaryData.FromString("v1"));
        var second = await blob.UploadAsync(BinaryData.FromString("v2"), new BlobUploadOptions { Conditions = new() { IfMatch = first.ETag } });
        var before = Transport.Total;

        var error = await Assert.ThrowsAsync<BlobStorageException>(() =>
            blob.UploadAsync(BinaryData.FromString("v3"), new BlobUploadOptions { Conditions = new() { IfMatch = first.ETag } }));

        Assert.NotEqual(first.ETag, second.ETag);
        Assert.True(error.IsPreconditionFailed);
        Assert.Equal("ConditionNotMet", error.ErrorCode);
        Assert.Equal(before + 1, Transport.Total);
        Assert.Equal("v2", (await blob.DownloadContentAsync()).Content.ToString());
    }

    [Fact]
    public async Task UploadAsync_AboveThreshold_ParallelBlocksCommittedWithExactContent()
    {
        var blob = (await NewContainerAsync()).GetBlobClient("state/key-groups-0-127.bin");
        var content = SeededBytes(1024 * 1024 + 123);
        var transfer = new BlobTransferOptions { SingleUploadThreshold = 256 * 1024, BlockSize = 100 * 1024, MaxConcurrency = 3 };

        var info = await blob.UploadAsync(new MemoryStream(content), new BlobUploadOptions { TransferOptions = transfer, ContentType = "application/x-grainflow-snapshot" });

        var downloaded = await blob.DownloadContentAsync();
        Assert.Equal(content, downloaded.Content.ToArray());
        Assert.Equal(info.ETag, downloaded.Details.ETag);
        Assert.Equal("application/x-grainflow-snapshot", downloaded.Details.ContentType);
        Assert.Equal(11, Transport.Count(r => r.Contains("comp=block&", StringComparison.Ordinal)));
        Assert.Equal(1, Transport.Count(r => r.Contains("comp=blocklist", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task UploadAsync_BlocksWithIfNoneMatchOnExistingBlob_ConflictAndOriginalKept()
    {
        var blob = (await NewContainerAsync()).GetBlobClient("exists");
        await blob.UploadAsync(BinaryData.FromString("original"));
        var options = new BlobUploadOptions
        {
            Conditions = new() { IfNoneMatch = ETag.All },
            TransferOptions = new BlobTransferOptions { SingleUploadThreshold = 10, BlockSize = 16 },
        };

        var error = await Assert.ThrowsAsync<BlobStorageException>(() => blob.UploadAsync(BinaryData.FromBytes(SeededBytes(100)), options));

        Assert.True(error.IsConflict);
        Assert.Equal("original", (await blob.DownloadContentAsync()).Content.ToString());
    }

    [Fact]
    public async Task DownloadStreamingAsync_Range_ReturnsExactSliceAndTotalLength()
    {
        var blob = (await NewContainerAsync()).GetBlobClient("ranged");
        var content = SeededBytes(10_000);
        await blob.UploadAsync(BinaryData.FromBytes(content));

        await using var result = await blob.DownloadStreamingAsync(new BlobDownloadOptions { Range = new HttpRange(1000, 500) });
        using var copy = new MemoryStream();
        await result.Content.CopyToAsync(copy);

        Assert.Equal(content.AsSpan(1000, 500).ToArray(), copy.ToArray());
        Assert.Equal(500, result.ContentLength);
        Assert.Equal(10_000, result.Details.ContentLength);
    }

    [Fact]
    public async Task DownloadContentAsync_OpenEndedRange_ReturnsTail()
    {
        var blob = (await NewContainerAsync()).GetBlobClient("tail");
        var content = SeededBytes(4096);
        await blob.UploadAsync(BinaryData.FromBytes(content));

        var result = await blob.DownloadContentAsync(new BlobDownloadOptions { Range = new HttpRange(4000) });

        Assert.Equal(content.AsSpan(4000).ToArray(), result.Content.ToArray());
    }

    [Fact]
    public async Task DownloadStreamingAsync_IfMatchStale_PreconditionFailed()
    {
        var blob = (await NewContainerAsync()).GetBlobClient("versioned");
        var first = await blob.UploadAsync(BinaryData.FromString("v1"));
        await blob.UploadAsync(BinaryData.FromString("v2"));

        var error = await Assert.ThrowsAsync<BlobStorageException>(() =>
            blob.DownloadStreamingAsync(new BlobDownloadOptions { Conditions = new() { IfMatch = first.ETag } }));

        Assert.True(error.IsPreconditionFailed);
    }

    [Fact]
    public async Task DownloadStreamingAsync_MissingBlob_NotFound()
    {
        var blob = (await NewContainerAsync()).GetBlobClient("missing");

        var error = await Assert.ThrowsAsync<BlobStorageException>(() => blob.DownloadStreamingAsync());

        Assert.True(error.IsNotFound);
        Assert.Equal("BlobNotFound", error.ErrorCode);
        Assert.StartsWith($"GetBlob GET {blob.Uri} failed: 404", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetPropertiesAsync_AfterUpload_ReportsLengthTypeMetadataAndETag()
    {
        var blob = (await NewContainerAsync()).GetBlobClient("dir/a b+c ü.txt");
        var info = await blob.UploadAsync(
            BinaryData.FromString("hello"),
            new BlobUploadOptions { ContentType = "text/plain", Metadata = new Dictionary<string, string> { ["checkpoint"] = "42" } });

        var properties = await blob.GetPropertiesAsync();

        Assert.Equal(5, properties.ContentLength);
        Assert.Equal("text/plain", properties.ContentType);
        Assert.Equal(info.ETag, properties.ETag);
        Assert.Equal("BlockBlob", properties.BlobType);
        Assert.Equal(LeaseState.Available, properties.LeaseState);
        Assert.Equal("42", properties.Metadata["checkpoint"]);
        Assert.True(await blob.ExistsAsync());
    }

    [Fact]
    public async Task GetPropertiesAsync_MissingBlob_NotFoundFromHeaderOnly()
    {
        var blob = (await NewContainerAsync()).GetBlobClient("nope");

        var error = await Assert.ThrowsAsync<BlobStorageException>(() => blob.GetPropertiesAsync());

        Assert.True(error.IsNotFound);
        Assert.Equal("BlobNotFound", error.ErrorCode);
        Assert.False(await blob.ExistsAsync());
    }

    [Fact]
    public async Task GetBlobsAsync_SmallPageSize_FollowsContinuationInNameOrder()
    {
        var container = await NewContainerAsync();
        var names = Enumerable.Range(0, 7).Select(i => $"job/chk-{i}/part").ToList();
        foreach (var name in names.Append("other/x").Append("jobless"))
        {
            await container.GetBlobClient(name).UploadAsync(BinaryData.FromString(name));
        }

        var first = await container.GetBlobsPageAsync(new BlobListOptions { Prefix = "job/", PageSizeHint = 3 });
        var second = await container.GetBlobsPageAsync(new BlobListOptions { Prefix = "job/", PageSizeHint = 3, ContinuationToken = first.ContinuationToken });
        var all = new List<BlobItem>();
        await foreach (var item in container.GetBlobsAsync(new BlobListOptions { Prefix = "job/", PageSizeHint = 3 }))
        {
            all.Add(item);
        }

        Assert.Equal(names.Take(3), first.Items.Select(i => i.Name));
        Assert.NotNull(first.ContinuationToken);
        Assert.Equal(names.Skip(3).Take(3), second.Items.Select(i => i.Name));
        Assert.Equal(names, all.Select(i => i.Name));
        Assert.All(all, item => Assert.Equal(item.Name.Length, item.ContentLength));
        // Two explicit pages, then three pages enumerated.
        Assert.Equal(5, Transport.Count(r => r.Contains("comp=list", StringComparison.Ordinal) && r.Contains("maxresults=3", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task GetBlobsAsync_ListedETag_EqualsUploadETag()
    {
        var container = await NewContainerAsync();
        var info = await container.GetBlobClient("one").UploadAsync(BinaryData.FromString("1"));

        var page = await container.GetBlobsPageAsync();

        Assert.Equal(info.ETag, Assert.Single(page.Items).ETag);
        Assert.Null(page.ContinuationToken);
    }

    [Fact]
    public async Task DeleteAsync_ExistingBlob_GoneAndDeleteIfExistsFalse()
    {
        var blob = (await NewContainerAsync()).GetBlobClient("doomed");
        await blob.UploadAsync(BinaryData.FromString("x"));

        await blob.DeleteAsync();

        Assert.False(await blob.ExistsAsync());
        Assert.False(await blob.DeleteIfExistsAsync());
        Assert.True((await Assert.ThrowsAsync<BlobStorageException>(() => blob.DeleteAsync())).IsNotFound);
    }

    [Fact]
    public async Task DeleteIfExistsAsync_IfMatchStale_PreconditionFailed()
    {
        var blob = (await NewContainerAsync()).GetBlobClient("guarded");
        var first = await blob.UploadAsync(BinaryData.FromString("1"));
        await blob.UploadAsync(BinaryData.FromString("2"));

        var error = await Assert.ThrowsAsync<BlobStorageException>(() => blob.DeleteIfExistsAsync(new BlobRequestConditions { IfMatch = first.ETag }));

        Assert.True(error.IsPreconditionFailed);
        Assert.True(await blob.ExistsAsync());
    }

    [Fact]
    public async Task DeleteIfExistsAsync_Container_TrueThenFalse()
    {
        var container = await NewContainerAsync();

        Assert.True(await container.DeleteIfExistsAsync());
        Assert.False(await container.DeleteIfExistsAsync());
    }

    [Fact]
    public async Task AcquireAsync_LeaseHeld_WritesNeedLeaseIdAndOthersConflict()
    {
        var blob = (await NewContainerAsync()).GetBlobClient("leased");
        await blob.UploadAsync(BinaryData.FromString("v1"));
        var lease = blob.GetBlobLeaseClient();

        var acquired = await lease.AcquireAsync(TimeSpan.FromSeconds(15));
        var withoutLease = await Assert.ThrowsAsync<BlobStorageException>(() => blob.UploadAsync(BinaryData.FromString("v2")));
        var rival = await Assert.ThrowsAsync<BlobStorageException>(() => blob.GetBlobLeaseClient().AcquireAsync(TimeSpan.FromSeconds(15)));
        await blob.UploadAsync(BinaryData.FromString("v3"), new BlobUploadOptions { Conditions = new() { LeaseId = lease.LeaseId } });

        Assert.Equal(lease.LeaseId, acquired.LeaseId);
        Assert.True(withoutLease.IsPreconditionFailed);
        Assert.Equal("LeaseIdMissing", withoutLease.ErrorCode);
        Assert.True(rival.IsConflict);
        Assert.Equal("LeaseAlreadyPresent", rival.ErrorCode);
        Assert.Equal(LeaseState.Leased, (await blob.GetPropertiesAsync()).LeaseState);
        Assert.Equal("v3", (await blob.DownloadContentAsync()).Content.ToString());
    }

    [Fact]
    public async Task RenewAsync_ThenRelease_AnotherClientCanAcquire()
    {
        var blob = (await NewContainerAsync()).GetBlobClient("renewed");
        await blob.UploadAsync(BinaryData.FromString("x"));
        var lease = blob.GetBlobLeaseClient();
        await lease.AcquireAsync(BlobLeaseClient.InfiniteLeaseDuration);

        var renewed = await lease.RenewAsync();
        await lease.ReleaseAsync();
        var next = await blob.GetBlobLeaseClient("11111111-2222-3333-4444-555555555555").AcquireAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(lease.LeaseId, renewed.LeaseId);
        Assert.Equal("11111111-2222-3333-4444-555555555555", next.LeaseId);
    }

    [Fact]
    public async Task BreakAsync_Immediately_LeaseBrokenAndWritableWithoutId()
    {
        var blob = (await NewContainerAsync()).GetBlobClient("broken");
        await blob.UploadAsync(BinaryData.FromString("x"));
        var lease = blob.GetBlobLeaseClient();
        await lease.AcquireAsync(BlobLeaseClient.InfiniteLeaseDuration);

        var broken = await blob.GetBlobLeaseClient().BreakAsync(TimeSpan.Zero);
        var state = (await blob.GetPropertiesAsync()).LeaseState;
        var renew = await Assert.ThrowsAsync<BlobStorageException>(() => lease.RenewAsync());
        await blob.UploadAsync(BinaryData.FromString("after break"));

        Assert.Equal(0, broken.LeaseTime);
        Assert.Equal(string.Empty, broken.LeaseId);
        Assert.Equal(LeaseState.Broken, state);
        Assert.True(renew.IsConflict);
        Assert.Equal("after break", (await blob.DownloadContentAsync()).Content.ToString());
    }

    protected async Task<BlobContainerClient> NewContainerAsync()
    {
        var container = Service.GetBlobContainerClient(NewContainerName());
        Assert.True(await container.CreateIfNotExistsAsync());
        return container;
    }

    protected static string NewContainerName() => $"c{Interlocked.Increment(ref s_containerCounter)}-{Guid.NewGuid():N}";

    protected static byte[] SeededBytes(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        return bytes;
    }
}
