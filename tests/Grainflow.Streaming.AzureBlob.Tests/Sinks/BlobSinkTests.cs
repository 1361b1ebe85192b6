using System.Text;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Grainflow.Streaming.AzureBlob.Sinks;
using Grainflow.Streaming.AzureBlob.Tests.Azurite;
using Grainflow.Streaming.Checkpointing.Storage;
using Grainflow.Streaming.Sinks;
using Grainflow.Tests.Shared.Azurite;

namespace Grainflow.Streaming.AzureBlob.Tests.Sinks;

/// <summary>The blob sink's two phases and its recovery, on Azurite: staged blocks, Put Block List, attempts kept apart.</summary>
[Collection(AzuriteCheckpointCollection.Name)]
public sealed class BlobSinkTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Prefix = "job";
    private const string SinkId = "counts";

    private readonly string _containerName = TestStorage.NewContainerName();
    private BlobContainerClient _container = null!;
    private BlobSinkOutput _output = null!;

    public async Task InitializeAsync()
    {
        _container = TestStorage.Container(azurite, _containerName);
        _output = new BlobSinkOutput(_container, new BlobSinkNaming(Prefix, SinkId));
        // What a job start does before any task writes.
        Assert.Empty(await _output.RecoverAsync(0, [], CancellationToken.None));
    }

    public Task DisposeAsync() => TestStorage.DeleteContainerAsync(azurite, _containerName);

    [Fact]
    public async Task PreCommit_CheckpointNotComplete_BlocksStagedButNoBlobVisible()
    {
        var writer = Writer(task: 0, attempt: 11);
        Write(writer, "a\t1", "b\t1");

        var record = writer.PreCommit(1);
        await writer.MakeDurableAsync();

        Assert.Equal(new SinkCommitRecord(SinkId, 1, ["job/part-counts-0-1.txt;attempt=000000000000000b;blocks=1"]), record, RecordComparer.Instance);
        Assert.Empty(await CommittedAsync());
        Assert.Equal(["job/part-counts-0-1.txt"], await ListAsync(BlobStates.Uncommitted));
        var blocks = (await _container.GetBlockBlobClient("job/part-counts-0-1.txt").GetBlockListAsync(BlockListTypes.Uncommitted)).Value;
        Assert.Equal([BlobSinkNaming.BlockId(1, 0, 11, 0)], blocks.UncommittedBlocks.Select(b => b.Name));
        Assert.Equal(1, await _output.HighestEpochAsync(includeStaged: true, CancellationToken.None));
        Assert.Equal(0, await _output.HighestEpochAsync(includeStaged: false, CancellationToken.None));
    }

    [Fact]
    public async Task CommitAsync_CheckpointComplete_CommitsEveryEpochUpToIt()
    {
        var writer = Writer(task: 1, attempt: 5);
        Write(writer, "a\t1");
        writer.PreCommit(1);
        await writer.MakeDurableAsync();
        writer.PreCommit(2); // an empty epoch stages nothing
        await writer.MakeDurableAsync();
        Write(writer, "b\t1", "a\t2");
        var third = writer.PreCommit(3);
        await writer.MakeDurableAsync();

        Assert.Equal(2, third.PendingFiles.Count);
        await writer.CommitAsync(1);
        Assert.Equal(["job/part-counts-1-1.txt"], (await CommittedAsync()).Keys);
        await writer.CommitAsync(3);

        var committed = await CommittedAsync();
        Assert.Equal(["job/part-counts-1-1.txt", "job/part-counts-1-3.txt"], committed.Keys);
        Assert.Equal("a\t1\n", committed["job/part-counts-1-1.txt"]);
        Assert.Equal("b\t1\na\t2\n", committed["job/part-counts-1-3.txt"]);
        Assert.Equal("text/plain; charset=utf-8", (await _container.GetBlobClient("job/part-counts-1-3.txt").GetPropertiesAsync()).Value.ContentType);
    }

    [Fact]
    public async Task PreCommit_EpochLargerThanABlock_StagesSeveralBlocksInOrder()
    {
        var writer = Writer(task: 0, attempt: 3, blockSize: BlobSinkOptions.MinBlockSize);
        var lines = Enumerable.Range(0, 400).Select(i => $"word-{i}\t{i}é").ToArray();
        Write(writer, lines);

        var record = writer.PreCommit(4);
        await writer.MakeDurableAsync();
        await writer.CommitAsync(4);

        Assert.True(StagedBlob.TryParse(record.PendingFiles.Single(), out var staged));
        Assert.True(staged.BlockCount > 3, $"{staged.BlockCount} blocks");
        Assert.Equal(string.Concat(lines.Select(l => l + "\n")), (await CommittedAsync())["job/part-counts-0-4.txt"]);
    }

    [Fact]
    public async Task RecoverAsync_CommitsTheListedEpochOnce_AndAgainChangesNothing()
    {
        var writer = Writer(task: 0, attempt: 21);
        Write(writer, "a\t1");
        var record = writer.PreCommit(1);
        await writer.MakeDurableAsync();

        // The process died after checkpoint 1 completed, before its commit: recovery commits what the checkpoint lists.
        Assert.Equal(["job/part-counts-0-1.txt"], await _output.RecoverAsync(0, [record], CancellationToken.None));
        var first = (await _container.GetBlobClient("job/part-counts-0-1.txt").GetPropertiesAsync()).Value.ETag;
        Assert.Equal(["job/part-counts-0-1.txt"], await _output.RecoverAsync(0, [record], CancellationToken.None));
        await writer.CommitAsync(1);

        Assert.Equal(first, (await _container.GetBlobClient("job/part-counts-0-1.txt").GetPropertiesAsync()).Value.ETag);
        Assert.Equal("a\t1\n", Assert.Single(await CommittedAsync()).Value);
        // Another task's recovery leaves this task's blobs to it.
        Assert.Empty(await _output.RecoverAsync(1, [record], CancellationToken.None));
    }

    [Fact]
    public async Task RecoverAsync_LaterEpochsNotListed_StayUncommittedAndNoLaterCommitIncludesThem()
    {
        var crashed = Writer(task: 0, attempt: 100);
        Write(crashed, "a\t1");
        var checkpoint1 = crashed.PreCommit(1);
        await crashed.MakeDurableAsync();
        Write(crashed, "a\t2");
        crashed.PreCommit(2); // checkpoint 2 never completed
        await crashed.MakeDurableAsync();

        await _output.RecoverAsync(0, [checkpoint1], CancellationToken.None);
        Assert.Equal(2, await _output.HighestEpochAsync(includeStaged: true, CancellationToken.None));

        // The next attempt writes epoch 3 (ids continue past every staged epoch); the earlier attempt's task, still
        // running, stages into the same blob: the commit names only this attempt's blocks.
        var next = Writer(task: 0, attempt: 101);
        Write(next, "a\t2");
        next.PreCommit(3);
        await next.MakeDurableAsync();
        Write(crashed, "stale\t9");
        crashed.PreCommit(3);
        await crashed.MakeDurableAsync();
        await next.CommitAsync(3);

        var committed = await CommittedAsync();
        Assert.Equal(["job/part-counts-0-1.txt", "job/part-counts-0-3.txt"], committed.Keys);
        Assert.Equal("a\t1\n", committed["job/part-counts-0-1.txt"]);
        Assert.Equal("a\t2\n", committed["job/part-counts-0-3.txt"]);
        Assert.Equal(["job/part-counts-0-1.txt", "job/part-counts-0-2.txt", "job/part-counts-0-3.txt"], await ListAsync(BlobStates.Uncommitted));
        // The stale attempt's commit of the same epoch cannot replace the committed blob.
        await Assert.ThrowsAsync<CommittedOutputConflictException>(async () => await crashed.CommitAsync(3));
        Assert.Equal("a\t2\n", (await CommittedAsync())["job/part-counts-0-3.txt"]);
    }

    [Fact]
    public async Task RefuseOutputAheadAsync_CommittedEpochNewerThanRestored_Refuses()
    {
        var writer = Writer(task: 0, attempt: 1);
        Write(writer, "a\t1");
        writer.PreCommit(2);
        await writer.MakeDurableAsync();
        await _output.RefuseOutputAheadAsync(0, CancellationToken.None); // staged only: nobody saw it
        await writer.CommitAsync(2);

        var refusal = await Assert.ThrowsAsync<CommittedOutputConflictException>(async () => await _output.RefuseOutputAheadAsync(1, CancellationToken.None));
        await _output.RefuseOutputAheadAsync(2, CancellationToken.None);

        Assert.Equal(2, refusal.Epoch);
        Assert.Contains("committed output up to epoch 2", refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(AzuriteFixture.AccountKey, refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecoverAsync_ManifestEntryNotOfThisSink_IsInvalidData()
    {
        var record = new SinkCommitRecord(SinkId, 1, ["other/part-counts-0-1.txt;attempt=0000000000000001;blocks=1"]);

        await Assert.ThrowsAsync<InvalidDataException>(async () => await _output.RecoverAsync(0, [record], CancellationToken.None));
    }

    private BlobSinkWriter Writer(int task, long attempt, int blockSize = BlobSinkOptions.DefaultBlockSize) =>
        new(_container, _output.Naming, task, attempt, new BlobSinkOptions { BlockSize = blockSize });

    private static void Write(BlobSinkWriter writer, params string[] lines)
    {
        foreach (var line in lines)
        {
            writer.Write(line);
        }
    }

    private async Task<List<string>> ListAsync(BlobStates states)
    {
        var names = new List<string>();
        await foreach (var item in _container.GetBlobsAsync(new GetBlobsOptions { Prefix = Prefix + "/", States = states }))
        {
            names.Add(item.Name);
        }

        return names;
    }

    private async Task<SortedDictionary<string, string>> CommittedAsync()
    {
        var blobs = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in await ListAsync(BlobStates.None))
        {
            var content = await _container.GetBlobClient(name).DownloadContentAsync();
            blobs[name] = Encoding.UTF8.GetString(content.Value.Content.ToArray());
        }

        return blobs;
    }

    private sealed class RecordComparer : IEqualityComparer<SinkCommitRecord>
    {
        public static readonly RecordComparer Instance = new();

        public bool Equals(SinkCommitRecord? x, SinkCommitRecord? y) =>
            x!.SinkId == y!.SinkId && x.Epoch == y.Epoch && x.PendingFiles.SequenceEqual(y.PendingFiles);

        public int GetHashCode(SinkCommitRecord obj) => obj.Epoch.GetHashCode();
    }
}
