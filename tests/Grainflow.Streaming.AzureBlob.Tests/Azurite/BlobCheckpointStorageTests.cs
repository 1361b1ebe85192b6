using System.Text;
using Grainflow.Storage.AzureBlob;
using Grainflow.Storage.AzureBlob.Models;
using Grainflow.Storage.AzureBlob.Tests.Azurite;
using Grainflow.Streaming.AzureBlob.Faults;
using Grainflow.Streaming.AzureBlob.Tests.Fakes;
using Grainflow.Streaming.Checkpointing.Storage;

namespace Grainflow.Streaming.AzureBlob.Tests.Azurite;

/// <summary>What only blob storage can get wrong: containers, pages, blocks, lost responses.</summary>
[Collection(AzuriteCheckpointCollection.Name)]
public sealed class BlobCheckpointStorageTests(AzuriteFixture azurite) : IAsyncLifetime, IDisposable
{
    private const string StatePath = "job-1/chk-1/op-a_kg-0-0";
    private const string PointerPath = "job-1/_latest";

    private readonly string _containerName = TestStorage.NewContainerName();
    private readonly LoopbackOnlyHandler _transport = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => TestStorage.DeleteContainerAsync(azurite, _containerName);

    public void Dispose() => _transport.Dispose();

    [Fact]
    public async Task CreateAsync_ContainerMissing_CreatesContainerAtFirstWrite()
    {
        var storage = Create();
        Assert.Null(await storage.TryOpenReadAsync(StatePath));
        Assert.Empty(await ListAsync(storage, "job-1/"));

        await storage.CreateAsync(StatePath, (stream, token) => stream.WriteAsync("x"u8.ToArray(), token));

        var service = new BlobServiceClient(azurite.ServiceUri, azurite.Credential, new BlobClientOptions { Transport = TestStorage.Loopback });
        Assert.False(await service.GetBlobContainerClient(_containerName).CreateIfNotExistsAsync());
        Assert.Equal("x"u8.ToArray(), await ReadAllAsync(storage, StatePath));
    }

    [Fact]
    public async Task ListAsync_MoreObjectsThanOnePage_FollowsContinuationTokens()
    {
        var options = TestStorage.Options(azurite, _containerName, _transport);
        options.ListPageSize = 2;
        var storage = new BlobCheckpointStorage(options);
        var expected = Enumerable.Range(1, 7).Select(i => $"job-1/chk-{i}/_metadata").Order(StringComparer.Ordinal).ToList();
        foreach (var path in expected)
        {
            await storage.CreateAsync(path, (stream, token) => stream.WriteAsync(Encoding.UTF8.GetBytes(path), token));
        }

        var listed = await ListAsync(storage, "job-1/chk-");

        Assert.Equal(expected, listed);
        Assert.Equal(4, _transport.Count(r => r.StartsWith("GET", StringComparison.Ordinal) && r.Contains("comp=list", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ListAsync_TwoPrefixesInOneContainer_EachSeesOnlyItsOwnObjects()
    {
        var east = new BlobCheckpointStorage(TestStorage.Options(azurite, _containerName, prefix: "east"));
        var eastern = new BlobCheckpointStorage(TestStorage.Options(azurite, _containerName, prefix: "/eastern/"));
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
        Assert.Equal(1, _transport.Count(r => r.Contains("comp=blocklist", StringComparison.Ordinal)));
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
        Assert.Equal(0, _transport.Count(r => r.Contains("comp=blocklist", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task CreateAsync_FirstAttemptCommittedButResponseLost_SucceedsAfterReadingBackItsWriteId()
    {
        var logs = new LogCapture();
        var puts = 0;
        using var flaky = new FlakyBlobTransport(new LoopbackOnlyHandler(), seed: 1)
        {
            FailureRate = 1,
            Faults = BlobFaultKinds.ResponseLost,
            Filter = request => request.Method == HttpMethod.Put && request.RequestUri!.AbsolutePath.EndsWith(StatePath, StringComparison.Ordinal)
                && Interlocked.Increment(ref puts) == 1,
        };
        var storage = new BlobCheckpointStorage(TestStorage.Options(azurite, _containerName, flaky), logs.CreateLogger<BlobCheckpointStorage>());

        await storage.CreateAsync(StatePath, (stream, token) => stream.WriteAsync("mine"u8.ToArray(), token));

        Assert.Equal(2, puts);
        Assert.Equal(1, flaky.InjectedFaultCount);
        Assert.Equal("mine"u8.ToArray(), await ReadAllAsync(storage, StatePath));
        Assert.Single(logs.Entries, e => e.EventId == BlobCheckpointStorageEventIds.OwnWriteConfirmed);
    }

    [Fact]
    public async Task WriteConditionalAsync_FirstAttemptCommittedButResponseLost_ReturnsTheVersionItWrote()
    {
        var puts = 0;
        using var flaky = new FlakyBlobTransport(new LoopbackOnlyHandler(), seed: 1)
        {
            Faults = BlobFaultKinds.ResponseLost,
            Filter = request => request.Method == HttpMethod.Put && Interlocked.Increment(ref puts) == 1,
        };
        var storage = new BlobCheckpointStorage(TestStorage.Options(azurite, _containerName, flaky));
        var first = await storage.WriteConditionalAsync(PointerPath, "one"u8.ToArray(), expectedVersion: null);
        flaky.FailureRate = 1;
        puts = 0;

        var second = await storage.WriteConditionalAsync(PointerPath, "two"u8.ToArray(), first);

        Assert.Equal(2, puts);
        Assert.NotEqual(first, second);
        var read = await storage.TryReadVersionedAsync(PointerPath);
        Assert.Equal("two"u8.ToArray(), read!.Content.ToArray());
        Assert.Equal(second, read.Version);
        await Assert.ThrowsAsync<CheckpointConflictException>(
            async () => await storage.WriteConditionalAsync(PointerPath, "three"u8.ToArray(), first));
    }

    [Fact]
    public void Constructor_DevelopmentStorageConnectionString_TargetsLocalEmulatorWithoutRequests()
    {
        var storage = new BlobCheckpointStorage(new BlobCheckpointStorageOptions { ConnectionString = "UseDevelopmentStorage=true", Prefix = "a/b/" });

        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1/grainflow-checkpoints"), storage.ContainerUri);
        Assert.Equal("a/b/", storage.Prefix);
    }

    [Theory]
    [InlineData(null, "grainflow-checkpoints", null)]
    [InlineData("UseDevelopmentStorage=true", "", null)]
    [InlineData("UseDevelopmentStorage=true", "c", "a/.hidden")]
    [InlineData("UseDevelopmentStorage=true", "c", "a//b")]
    public void Constructor_InvalidOptions_ThrowsArgumentException(string? connectionString, string container, string? prefix)
    {
        Assert.ThrowsAny<ArgumentException>(() => new BlobCheckpointStorage(
            new BlobCheckpointStorageOptions { ConnectionString = connectionString, ContainerName = container, Prefix = prefix }));
    }

    private BlobCheckpointStorage Create() => new(TestStorage.Options(azurite, _containerName, _transport));

    private BlobCheckpointStorage CreateWithSmallBlocks()
    {
        var options = TestStorage.Options(azurite, _containerName, _transport);
        options.TransferOptions = new BlobTransferOptions { SingleUploadThreshold = 1024, BlockSize = 2048, MaxConcurrency = 2 };
        return new BlobCheckpointStorage(options);
    }

    private int PutBlockCount() => _transport.Count(r => r.Contains("comp=block&", StringComparison.Ordinal));

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
