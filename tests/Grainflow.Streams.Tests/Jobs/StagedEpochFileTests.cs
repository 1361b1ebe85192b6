using Grainflow.Streams.Log.Jobs;

namespace Grainflow.Streams.Tests.Jobs;

public sealed class StagedEpochFileTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly SinkStagingLayout _layout;

    public StagedEpochFileTests() => _layout = new SinkStagingLayout(_directory.Path, "job", "sink");

    [Fact]
    public async Task Close_AfterAppends_StagedUnderTheEpochAndReadBackInOrder()
    {
        using var writer = new StagedEpochWriter(_layout, task: 1);
        writer.Append(3, [1, 2, 3]);
        writer.Append(0, []);
        writer.Append(3, [4]);

        var name = writer.Close(epoch: 7);
        await writer.MakeDurableAsync();
        var chunks = await StagedEpochFile.ReadAsync(_layout.StagedPath(1, 7));

        Assert.Equal("sink-1-7.staged", name);
        Assert.False(File.Exists(_layout.InProgressPath(1)));
        Assert.Equal([3, 0, 3], chunks.Select(c => c.Partition));
        Assert.Equal([[1, 2, 3], [], [4]], chunks.Select(c => c.Payload));
    }

    [Fact]
    public void Close_WithoutAppends_StagesNothing()
    {
        using var writer = new StagedEpochWriter(_layout, task: 0);

        Assert.Null(writer.Close(epoch: 3));
        Assert.Empty(_layout.ListStaged(0));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(14)]
    public async Task ReadAsync_DamagedOrCutShort_RefusedNamingTheFile(int damageAt)
    {
        using (var writer = new StagedEpochWriter(_layout, task: 0))
        {
            writer.Append(1, [10, 20, 30]);
            writer.Append(2, [40]);
            writer.Close(epoch: 2);
        }

        var path = _layout.StagedPath(0, 2);
        var bytes = await File.ReadAllBytesAsync(path);
        if (damageAt < 0)
        {
            bytes = bytes[..^1];
        }
        else
        {
            bytes[damageAt] ^= 0xFF;
        }

        await File.WriteAllBytesAsync(path, bytes);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => StagedEpochFile.ReadAsync(path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ListStaged_EpochsOfSeveralDigits_OldestFirstAndOnlyThisTask()
    {
        foreach (var (task, epoch) in new[] { (0, 10L), (0, 9L), (1, 8L), (0, 100L) })
        {
            using var writer = new StagedEpochWriter(_layout, task);
            writer.Append(0, [1]);
            writer.Close(epoch);
        }

        Assert.Equal([9L, 10L, 100L], _layout.ListStaged(0).Select(s => s.Epoch));
    }

    [Fact]
    public void HighestCommittedEpoch_SinksWhoseIdsShareAPrefix_OnlyThisSinksMarks()
    {
        var other = new SinkStagingLayout(_directory.Path, "job", "sink-1");
        Directory.CreateDirectory(_layout.Directory);
        CommittedEpochFile.Write(_layout.CommittedMarkPath(0), 4);
        CommittedEpochFile.Write(_layout.CommittedMarkPath(1), 6);
        CommittedEpochFile.Write(other.CommittedMarkPath(2), 50);

        Assert.Equal(6, _layout.HighestCommittedEpoch());
        Assert.Equal(50, other.HighestCommittedEpoch());
        Assert.Equal(0, new SinkStagingLayout(_directory.Path, "another-job", "sink").HighestCommittedEpoch());
    }

    public void Dispose() => _directory.Dispose();
}
