using System.Text;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage;
using Azure.Storage.Blobs;
using Grainflow.Streaming.AzureBlob.Faults;
using Grainflow.Streaming.AzureBlob.Tests.Fakes;
using Grainflow.Streaming.Checkpointing.Storage;
using Grainflow.Tests.Shared.Azurite;

namespace Grainflow.Streaming.AzureBlob.Tests.Azurite;

/// <summary>What only blob storage can get wrong: containers, pages, blocks, lost responses.</summary>
[Collection(AzuriteCheckpointCollection.Name)]
public sealed class BlobCheckpointStorageTests(AzuriteFixture azurite) : AzuriteContainerTests(azurite), IDisposable
{
    private const string StatePath = "job-1/chk-1/op-a_kg-0-0";
    private const string PointerPath = "job-1/_latest";

    private readonly LoopbackOnlyHandler _requests = new();
    private HttpClientTransport? _transport;

    public void Dispose()
    {
        _transport?.Dispose();
        _requests.Dispose();
    }

    [Fact]
    public async Task CreateAsync_ContainerMissing_CreatesContainerAtFirstWrite()
    {
        var storage = TestStorage.Create(Azurite, ContainerName);
        Assert.Null(await storage.TryOpenReadAsync(StatePath));
        Assert.Empty(await ListAsync(storage, "job-1/"));
        Assert.False(await storage.DeleteAsync(StatePath));

        await storage.CreateAsync(StatePath, (stream, token) => stream.WriteAsync("x"u8.ToArray(), token));

        Assert.True((await TestStorage.Container(Azurite, ContainerName).ExistsAsync()).Value);
        Assert.Equal("x"u8.ToArray(), await ReadAllAsync(storage, StatePath));
    }

    [Fact]
    public async Task ListAsync_MoreObjectsThanOnePage_FollowsContinuationTokens()
    {
        var storage = TestStorage.Create(Azurite, ContainerName, Counted(), listPageSize: 2);
        var expected = Enumerable.Range(1, 7).Select(i => $"job-1/chk-{i}/_metadata").Order(StringComparer.Ordinal).ToList();
        foreach (var path in expected)
        {
            await storage.CreateAsync(path, (stream, token) => stream.WriteAsync(Encoding.UTF8.GetBytes(path), token));
        }

        var listed = await ListAsync(storage, "job-1/chk-");

        Assert.Equal(expected, listed);
        Assert.Equal(4, _requests.Count(r => r.StartsWith("GET", StringComparison.Ordinal) && r.Contains("comp=list", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ListAsync_TwoPrefixesInOneContainer_EachSeesOnlyItsOwnObjects()
    {
        var east = TestStorage.Create(Azurite, ContainerName, prefix: "east");
        var eastern = TestStorage.Create(Azurite, ContainerName, prefix: "/eastern/");
        await east.CreateAsync(StatePath, (stream, token) => stream.WriteAsync("east"u8.ToArray(), token));
        await eastern.CreateAsync(StatePath, (stream, token) => stream.WriteAsync("eastern"u8.ToArray(), token));

        Assert.Equal([StatePath], await ListAsync(east, "job-1/"));
        Assert.Equal([StatePath], await ListAsync(eastern, "job-1/"));
        Assert.Equal("east"u8.ToArray(), await ReadAllAsync(east, StatePath));
        Assert.Equal("eastern/", eastern.Prefix);
    }

    [Fact]
    public async Task CreateAsync_BlocksStagedButNotCommitted_NothingVisibleUntilWriterReturns()
    {
        var storage = CreateWithSmallBlocks();
        var content = Enumerable.Range(0, 10_000).Select(i => (byte)i).ToArray();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var create = storage.CreateAsync(StatePath, async (stream, token) =>
        {
            await stream.WriteAsync(content.AsMemory(0, 6_000), token);
            await release.Task.WaitAsync(token);
            await stream.WriteAsync(content.AsMemory(6_000), token);
        }).AsTask();
        await Deadline.WaitUntilAsync(() => PutBlockCount() >= 2, "two blocks are staged");

        Assert.Null(await storage.TryOpenReadAsync(StatePath));
        Assert.Empty(await ListAsync(storage, "job-1/"));
        release.SetResult();
        await create;
        Assert.Equal(content, await ReadAllAsync(storage, StatePath));
        Assert.Equal(1, _requests.Count(r => r.Contains("comp=blocklist", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task CreateAsync_WriterThrowsAfterBlocksStaged_NothingVisible()
    {
        var storage = CreateWithSmallBlocks();
        var failure = new InvalidOperationException("snapshot failed");

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(async () => await storage.CreateAsync(StatePath, async (stream, token) =>
        {
            await stream.WriteAsync(new byte[6_000], token);
            await Deadline.WaitUntilAsync(() => PutBlockCount() >= 2, "two blocks are staged");
            throw failure;
        }));

        Assert.Same(failure, thrown);
        Assert.Null(await storage.TryOpenReadAsync(StatePath));
        Assert.Empty(await ListAsync(storage, "job-1/"));
        Assert.Equal(0, _requests.Count(r => r.Contains("comp=blocklist", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(0)] // before the first byte: nothing sent yet
    [InlineData(6_000)] // after blocks are staged
    public async Task CreateAsync_WriterThrowsIOException_ThrowsItUnchangedAndNothingVisible(int written)
    {
        var storage = CreateWithSmallBlocks();
        var failure = new IOException("the local snapshot could not be read");

        var thrown = await Assert.ThrowsAsync<IOException>(async () => await storage.CreateAsync(StatePath, async (stream, token) =>
        {
            await stream.WriteAsync(new byte[written], token);
            await Deadline.WaitUntilAsync(() => PutBlockCount() >= written / 2048, $"{written / 2048} blocks are staged");
            throw failure;
        }));

        Assert.Same(failure, thrown);
        Assert.Null(await storage.TryOpenReadAsync(StatePath));
        Assert.Equal(0, _requests.Count(r => r.Contains("comp=blocklist", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(100)] // one Put Blob
    [InlineData(10_000)] // blocks, then the Put Block List whose response is lost
    public async Task CreateAsync_FirstAttemptCommittedButResponseLost_SucceedsAfterReadingBackItsWriteId(int size)
    {
        var logs = new LogCapture();
        var content = Enumerable.Range(0, size).Select(i => (byte)(i * 7)).ToArray();
        var commits = 0;
        var flaky = new FlakyBlobPolicy(seed: 1)
        {
            FailureRate = 1,
            Faults = BlobFaultKinds.ResponseLost,
            Filter = request => request.Method == RequestMethod.Put && request.Uri.Path.EndsWith(StatePath, StringComparison.Ordinal)
                && !request.Uri.Query.Contains("comp=block&", StringComparison.Ordinal) && Interlocked.Increment(ref commits) == 1,
        };
        var storage = TestStorage.Create(
            Azurite, ContainerName, TestStorage.ClientOptions(faults: flaky), transfer: SmallBlocks, logger: logs.CreateLogger<BlobCheckpointStorage>());

        await storage.CreateAsync(StatePath, (stream, token) => stream.WriteAsync(content, token));

        Assert.Equal(2, commits);
        Assert.Equal(1, flaky.InjectedFaultCount);
        Assert.Equal(content, await ReadAllAsync(storage, StatePath));
        Assert.Single(logs.Entries, e => e.EventId == BlobCheckpointStorageEventIds.OwnWriteConfirmed);
    }

    [Fact]
    public async Task CreateAsync_AnotherWriterCommittedFirst_ThrowsConflictWithoutTakingItsObject()
    {
        var storage = TestStorage.Create(Azurite, ContainerName);
        var other = TestStorage.Create(Azurite, ContainerName);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Past the existence check, then the other writer commits before this one does.
        var create = storage.CreateAsync(StatePath, async (stream, token) =>
        {
            written.SetResult();
            await release.Task.WaitAsync(token);
            await stream.WriteAsync("mine"u8.ToArray(), token);
        }).AsTask();
        await written.Task;
        await other.CreateAsync(StatePath, (stream, token) => stream.WriteAsync("theirs"u8.ToArray(), token));
        release.SetResult();

        var conflict = await Assert.ThrowsAsync<CheckpointConflictException>(() => create);
        Assert.Equal(409, Assert.IsType<RequestFailedException>(conflict.InnerException).Status);
        Assert.Equal("theirs"u8.ToArray(), await ReadAllAsync(storage, StatePath));
    }

    [Fact]
    public async Task WriteConditionalAsync_FirstAttemptCommittedButResponseLost_ReturnsTheVersionItWrote()
    {
        var puts = 0;
        var flaky = new FlakyBlobPolicy(seed: 1)
        {
            Faults = BlobFaultKinds.ResponseLost,
            Filter = request => request.Method == RequestMethod.Put && Interlocked.Increment(ref puts) == 1,
        };
        var storage = TestStorage.Create(Azurite, ContainerName, TestStorage.ClientOptions(faults: flaky));
        var first = await storage.WriteConditionalAsync(PointerPath, "one"u8.ToArray(), expectedVersion: null);
        flaky.FailureRate = 1;
        puts = 0;

        var second = await storage.WriteConditionalAsync(PointerPath, "two"u8.ToArray(), first);

        Assert.Equal(2, puts);
        Assert.Equal(1, flaky.InjectedFaultCount);
        Assert.NotEqual(first, second);
        var read = await storage.TryReadVersionedAsync(PointerPath);
        Assert.Equal("two"u8.ToArray(), read!.Content.ToArray());
        Assert.Equal(second, read.Version);
        await Assert.ThrowsAsync<CheckpointConflictException>(
            async () => await storage.WriteConditionalAsync(PointerPath, "three"u8.ToArray(), first));
    }

    private static StorageTransferOptions SmallBlocks => new() { InitialTransferSize = 1024, MaximumTransferSize = 2048, MaximumConcurrency = 2 };

    private BlobClientOptions Counted() => TestStorage.ClientOptions(_transport ??= new HttpClientTransport(_requests));

    private BlobCheckpointStorage CreateWithSmallBlocks() => TestStorage.Create(Azurite, ContainerName, Counted(), transfer: SmallBlocks);

    private int PutBlockCount() => _requests.Count(r => r.Contains("comp=block&", StringComparison.Ordinal));

    internal static async Task<List<string>> ListAsync(ICheckpointStorage storage, string prefix)
    {
        var paths = new List<string>();
        await foreach (var path in storage.ListAsync(prefix))
        {
            paths.Add(path);
        }

        paths.Sort(StringComparer.Ordinal);
        return paths;
    }

    internal static async Task<byte[]?> ReadAllAsync(ICheckpointStorage storage, string path)
    {
        var stream = await storage.TryOpenReadAsync(path);
        if (stream is null)
        {
            return null;
        }

        await using (stream)
        {
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer);
            return buffer.ToArray();
        }
    }
}
