using Grainflow.Streaming.Checkpointing.Storage;
using Grainflow.Streams.Log.Jobs;
using Grainflow.Streams.Log.Storage;

namespace Grainflow.Streams.Tests.Jobs;

/// <summary>
/// Sink staging and delivery marks in an object store, as the provider keeps them in a blob container; the local
/// checkpoint storage stands in for the container (same contract, no emulator needed).
/// </summary>
public sealed class ObjectSinkStagingTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly LocalCheckpointStorage _objects;
    private readonly ObjectSinkStaging _staging;

    public ObjectSinkStagingTests()
    {
        _objects = new LocalCheckpointStorage(_directory.Sub("container"));
        _staging = new ObjectSinkStaging(_objects, "container/grainflow/", _directory.Sub("scratch"), "job", "sink");
    }

    [Fact]
    public async Task MakeDurableAsync_ClosedEpoch_IsAnObjectAndNoScratchFileIsLeft()
    {
        using var writer = new StagedEpochWriter(_staging, task: 1);
        writer.Append(3, [1, 2, 3]);
        writer.Append(0, [4]);

        var name = writer.Close(epoch: 7);
        Assert.Empty(await _staging.ListStagedAsync(1));
        await writer.MakeDurableAsync();

        Assert.Equal("sink-1-7.staged", name);
        Assert.Equal([7L], await _staging.ListStagedAsync(1));
        Assert.Empty(Directory.EnumerateFiles(_staging.ScratchDirectory));
        var chunks = StagedEpochFile.Parse(await _staging.ReadStagedAsync(1, 7), name!);
        Assert.Equal([3, 0], chunks.Select(c => c.Partition));
        Assert.Equal([[1, 2, 3], [4]], chunks.Select(c => c.Payload));
    }

    [Fact]
    public async Task RecoverAsync_StagedEpochsAroundTheRestoredCheckpoint_DiscardsThoseAfterItAndTheEpochInProgress()
    {
        foreach (var epoch in new long[] { 6, 9 })
        {
            using var writer = new StagedEpochWriter(_staging, task: 0);
            writer.Append(0, [1]);
            writer.Close(epoch);
            await writer.MakeDurableAsync();
        }

        using (var unfinished = new StagedEpochWriter(_staging, task: 0))
        {
            unfinished.Append(0, [2]);
        }

        // Nothing at or below 5 is staged, so recovery commits nothing (no provider is needed) and discards 6 and 9.
        await LogStreamSinkRecovery.RecoverAsync(_staging, committer: null!, task: 0, restoredCheckpointId: 5, CancellationToken.None);

        Assert.Empty(await _staging.ListStagedAsync(0));
        Assert.False(File.Exists(_staging.InProgressPath(0)));
    }

    [Fact]
    public async Task HighestCommittedEpoch_MarksOfSeveralTasks_IsTheHighestOfThisSinkOnly()
    {
        var other = new ObjectSinkStaging(_objects, "container/grainflow/", _directory.Sub("scratch"), "job", "sink-1");
        await _staging.RecordCommittedAsync(0, 4);
        await _staging.RecordCommittedAsync(1, 6);
        await _staging.RecordCommittedAsync(1, 5);
        await other.RecordCommittedAsync(2, 50);

        Assert.Equal(6, _staging.HighestCommittedEpoch());
        Assert.Equal(50, other.HighestCommittedEpoch());
        Assert.Equal(0, new ObjectSinkStaging(_objects, "container/grainflow/", _directory.Sub("scratch"), "another-job", "sink").HighestCommittedEpoch());
    }

    [Fact]
    public async Task HighestCommittedEpoch_DamagedMark_ThrowsNamingIt()
    {
        await _objects.WriteConditionalAsync("sink-staging/job/sink-0.committed", new byte[] { 1, 2, 3 }, expectedVersion: null);

        var error = Assert.Throws<InvalidDataException>(() => _staging.HighestCommittedEpoch());

        Assert.Contains("'container/grainflow/sink-staging/job/sink-0.committed' is damaged", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeliveryMarks_WrittenByTwoAgents_TheLastWriteWinsAndAnotherSiloReadsIt()
    {
        var first = new ObjectDeliveryMarks(_objects);
        var second = new ObjectDeliveryMarks(_objects);
        Assert.Null(await first.ReadAsync(2));
        Assert.Null(await second.ReadAsync(2));

        await first.WriteAsync(2, 5);
        await second.WriteAsync(2, 7); // its version is stale: redone over the first one's

        Assert.Equal(7, await new ObjectDeliveryMarks(_objects).ReadAsync(2));
        Assert.Null(await new ObjectDeliveryMarks(_objects).ReadAsync(1));
    }

    public void Dispose() => _directory.Dispose();
}
