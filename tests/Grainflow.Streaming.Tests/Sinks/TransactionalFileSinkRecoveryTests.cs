using Grainflow.Streaming.Checkpointing.Storage;
using Grainflow.Streaming.Sinks;
using Grainflow.Streaming.Tests.Sources;

namespace Grainflow.Streaming.Tests.Sinks;

public sealed class TransactionalFileSinkRecoveryTests : IDisposable
{
    private const string SinkId = "wordcount-sink";
    private const int Subtask = 2;

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task RecoverAsync_CrashAfterLaterPreCommitAndMidWrite_CommitsListedEpochAndDeletesTheRest()
    {
        SinkCommitRecord completed;
        await using (var writer = Open(bufferSize: 16))
        {
            writer.WriteLine("covered");
            completed = await writer.PreCommitAsync(1);
            writer.WriteLine("pre-committed, manifest never written");
            await writer.PreCommitAsync(2);
            writer.WriteLine("mid-write, long enough to reach the disk");
        }

        var result = await RecoverAsync(completed);

        Assert.Equal(["part-wordcount-sink-2-1.txt"], result.CommittedFiles);
        Assert.Equal(["_part-wordcount-sink-2-2.pending", "_part-wordcount-sink-2.<writer>.inprogress"], SinkOutput.WithoutWriterTokens(result.DiscardedFiles).Order(StringComparer.Ordinal));
        Assert.Equal(["part-wordcount-sink-2-1.txt"], SinkOutput.FileNames(_directory.Path));
        Assert.Equal(["covered"], await SinkOutput.ReadCommittedAsync(_directory.Path));
    }

    [Fact]
    public async Task RecoverAsync_CrashAfterManifestBeforeRename_CommitsEpoch()
    {
        SinkCommitRecord completed;
        await using (var writer = Open())
        {
            writer.WriteLine("a");
            writer.WriteLine("b");
            completed = await writer.PreCommitAsync(1);
        }

        var result = await RecoverAsync(completed);

        Assert.Equal(["part-wordcount-sink-2-1.txt"], result.CommittedFiles);
        Assert.Empty(result.DiscardedFiles);
        Assert.Equal(["a", "b"], await SinkOutput.ReadCommittedAsync(_directory.Path));
    }

    [Fact]
    public async Task RecoverAsync_NoCheckpoint_DiscardsEverythingStaged()
    {
        await using (var writer = Open(bufferSize: 16))
        {
            writer.WriteLine("pre-committed");
            await writer.PreCommitAsync(1);
            writer.WriteLine("mid-write, long enough to reach the disk");
        }

        var result = await TransactionalFileSinkWriter.RecoverAsync(_directory.Path, SinkId, Subtask, []);

        Assert.Empty(result.CommittedFiles);
        Assert.Equal(["_part-wordcount-sink-2-1.pending", "_part-wordcount-sink-2.<writer>.inprogress"], SinkOutput.WithoutWriterTokens(result.DiscardedFiles).Order(StringComparer.Ordinal));
        Assert.Empty(SinkOutput.FileNames(_directory.Path));
    }

    [Fact]
    public async Task RecoverAsync_RunTwice_SecondRunChangesNothing()
    {
        SinkCommitRecord completed;
        await using (var writer = Open())
        {
            writer.WriteLine("a");
            completed = await writer.PreCommitAsync(1);
            writer.WriteLine("b");
            await writer.PreCommitAsync(2);
        }

        await RecoverAsync(completed);
        var second = await RecoverAsync(completed);

        Assert.Equal(["part-wordcount-sink-2-1.txt"], second.CommittedFiles);
        Assert.Empty(second.DiscardedFiles);
        Assert.Equal(["part-wordcount-sink-2-1.txt"], SinkOutput.FileNames(_directory.Path));
        Assert.Equal(["a"], await SinkOutput.ReadCommittedAsync(_directory.Path));
    }

    [Fact]
    public async Task RecoverAsync_CrashBetweenRenames_CommitsRemainingEpochsExactlyOnce()
    {
        SinkCommitRecord completed;
        await using (var writer = Open())
        {
            writer.WriteLine("one");
            await writer.PreCommitAsync(1);
            writer.WriteLine("two");
            await writer.PreCommitAsync(2);
            writer.WriteLine("three");
            completed = await writer.PreCommitAsync(3);
        }

        // The commit of checkpoint 3 renamed epoch 1, then the silo died.
        File.Move(_directory.Combine("_part-wordcount-sink-2-1.pending"), _directory.Combine("part-wordcount-sink-2-1.txt"));
        var result = await RecoverAsync(completed);

        Assert.Equal(
            ["part-wordcount-sink-2-1.txt", "part-wordcount-sink-2-2.txt", "part-wordcount-sink-2-3.txt"],
            result.CommittedFiles);
        Assert.Equal(result.CommittedFiles, SinkOutput.FileNames(_directory.Path));
        Assert.Equal(["one", "two", "three"], await SinkOutput.ReadCommittedAsync(_directory.Path));
    }

    [Fact]
    public async Task RecoverAsync_ThenWriterReplaysEpoch_ProducesSameFinalNameOnce()
    {
        SinkCommitRecord completed;
        await using (var writer = Open())
        {
            writer.WriteLine("a");
            completed = await writer.PreCommitAsync(1);
            writer.WriteLine("b");
            await writer.PreCommitAsync(2);
        }

        await RecoverAsync(completed);
        await using (var writer = Open())
        {
            writer.WriteLine("b");
            await writer.PreCommitAsync(2);
            await writer.CommitAsync(2);
        }

        Assert.Equal(["part-wordcount-sink-2-1.txt", "part-wordcount-sink-2-2.txt"], SinkOutput.FileNames(_directory.Path));
        Assert.Equal(["a", "b"], await SinkOutput.ReadCommittedAsync(_directory.Path));
    }

    [Fact]
    public async Task RecoverAsync_OtherSinksAndSubtasksInDirectory_LeavesTheirFilesAlone()
    {
        var records = new List<SinkCommitRecord>();
        foreach (var (sinkId, subtask) in new[] { (SinkId, Subtask), (SinkId, 3), ("other-sink", Subtask) })
        {
            await using var writer = TransactionalFileSinkWriter.Open(_directory.Path, sinkId, subtask);
            writer.WriteLine($"{sinkId}/{subtask}");
            records.Add(await writer.PreCommitAsync(1));
            writer.WriteLine("in progress");
        }

        var result = await TransactionalFileSinkWriter.RecoverAsync(_directory.Path, SinkId, Subtask, records);

        Assert.Equal(["part-wordcount-sink-2-1.txt"], result.CommittedFiles);
        Assert.Equal(["_part-wordcount-sink-2.<writer>.inprogress"], SinkOutput.WithoutWriterTokens(result.DiscardedFiles));
        Assert.Equal(
            [
                "_part-other-sink-2-1.pending", "_part-other-sink-2.<writer>.inprogress",
                "_part-wordcount-sink-3-1.pending", "_part-wordcount-sink-3.<writer>.inprogress",
                "part-wordcount-sink-2-1.txt",
            ],
            SinkOutput.FileNames(_directory.Path));
    }

    [Fact]
    public async Task RecoverAsync_CommittedFileMovedAwayByAConsumer_CountsAsCommittedAndWritesNothing()
    {
        SinkCommitRecord completed;
        await using (var writer = Open())
        {
            writer.WriteLine("delivered");
            completed = await writer.PreCommitAsync(1);
            await writer.CommitAsync(1);
        }

        using var consumer = new TempDirectory();
        File.Move(_directory.Combine("part-wordcount-sink-2-1.txt"), consumer.Combine("taken.txt"));

        var result = await RecoverAsync(completed);
        var again = await RecoverAsync(completed);

        Assert.Equal(["part-wordcount-sink-2-1.txt"], result.CommittedFiles);
        Assert.Equal(["part-wordcount-sink-2-1.txt"], result.ConsumedFiles);
        Assert.Empty(result.DiscardedFiles);
        Assert.Equal(["part-wordcount-sink-2-1.txt"], again.ConsumedFiles);
        Assert.Empty(SinkOutput.FileNames(_directory.Path));
        Assert.Equal(["delivered"], await File.ReadAllLinesAsync(consumer.Combine("taken.txt")));
    }

    [Fact]
    public async Task RecoverAsync_OneListedEpochConsumedAnotherStillStaged_CommitsOnlyTheStagedOne()
    {
        SinkCommitRecord first;
        SinkCommitRecord second;
        await using (var writer = Open())
        {
            writer.WriteLine("epoch 1");
            first = await writer.PreCommitAsync(1);
            await writer.CommitAsync(1);
            writer.WriteLine("epoch 2");
            second = await writer.PreCommitAsync(2);
        }

        File.Delete(_directory.Combine("part-wordcount-sink-2-1.txt"));

        var result = await TransactionalFileSinkWriter.RecoverAsync(_directory.Path, SinkId, Subtask, [first, second]);

        Assert.Equal(["part-wordcount-sink-2-1.txt", "part-wordcount-sink-2-2.txt"], result.CommittedFiles);
        Assert.Equal(["part-wordcount-sink-2-1.txt"], result.ConsumedFiles);
        Assert.Equal(["part-wordcount-sink-2-2.txt"], SinkOutput.FileNames(_directory.Path));
        Assert.Equal(["epoch 2"], await SinkOutput.ReadCommittedAsync(_directory.Path));
    }

    [Fact]
    public async Task RecoverAsync_ManifestListsPath_ThrowsInvalidData()
    {
        var record = new SinkCommitRecord(SinkId, 1, ["../_part-wordcount-sink-2-1.pending"]);

        await Assert.ThrowsAsync<InvalidDataException>(async () => await RecoverAsync(record));
    }

    [Fact]
    public async Task RecoverAsync_DirectoryPathIsAFile_ThrowsSinkDirectoryUnavailable()
    {
        var file = _directory.Combine("file");
        await File.WriteAllTextAsync(file, "x");

        var exception = await Assert.ThrowsAsync<SinkDirectoryUnavailableException>(
            async () => await TransactionalFileSinkWriter.RecoverAsync(file, SinkId, Subtask, []));

        Assert.Equal(file, exception.DirectoryPath);
    }

    [Fact]
    public async Task WriterOfAnEarlierAttemptStillRunning_CannotTakeTheCurrentWritersFile()
    {
        // A task left over from before a restart (its silo declared dead, still running for a moment) and the task of
        // the current attempt write the same subtask's output; recovery of the current one removed the leftover's file.
        await using var leftover = Open(bufferSize: 16);
        leftover.WriteLine("from the rolled-back attempt, long enough to reach the disk");
        await RecoverAsync(new SinkCommitRecord(SinkId, 0, []));
        await using var current = Open(bufferSize: 16);
        current.WriteLine("from the current attempt");

        await Assert.ThrowsAnyAsync<IOException>(async () => await leftover.PreCommitAsync(1));
        var record = await current.PreCommitAsync(1);
        await current.CommitAsync(1);

        Assert.Equal(["_part-wordcount-sink-2-1.pending"], record.PendingFiles);
        Assert.Equal(["from the current attempt"], await SinkOutput.ReadCommittedAsync(_directory.Path));
    }

    [Fact]
    public async Task RecoverAsync_InProgressFileOfAnEarlierVersion_IsDeletedToo()
    {
        await File.WriteAllTextAsync(Path.Combine(_directory.Path, "_part-wordcount-sink-2.inprogress"), "left by a version without writer tokens\n");

        var result = await RecoverAsync(new SinkCommitRecord(SinkId, 0, []));

        Assert.Equal(["_part-wordcount-sink-2.inprogress"], result.DiscardedFiles);
        Assert.Empty(SinkOutput.FileNames(_directory.Path));
    }

    private TransactionalFileSinkWriter Open(int bufferSize = TransactionalFileSinkWriter.DefaultBufferSize) =>
        TransactionalFileSinkWriter.Open(_directory.Path, SinkId, Subtask, bufferSize);

    private ValueTask<SinkRecoveryResult> RecoverAsync(SinkCommitRecord completed) =>
        TransactionalFileSinkWriter.RecoverAsync(_directory.Path, SinkId, Subtask, [completed]);
}
