using Grainflow.Streaming.Checkpointing.Storage;
using Grainflow.Streaming.Sinks;
using Grainflow.Streaming.Tests.Durability;
using Grainflow.Streaming.Tests.Sources;

namespace Grainflow.Streaming.Tests.Sinks;

/// <summary>What a power loss can undo (renames whose directory was not synced), and committed output never replaced.</summary>
public sealed class TransactionalFileSinkDurabilityTests : IDisposable
{
    private const string SinkId = "wc";
    private const int Subtask = 0;

    private readonly TempDirectory _directory = new();
    private readonly CrashableFileSystem _fileSystem = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task PreCommitAsync_PowerLossAfterReturn_StagedFileSurvives()
    {
        await using var writer = Open();
        writer.WriteLine("a");
        await writer.PreCommitAsync(1);

        Assert.Equal(0, _fileSystem.Crash());
        Assert.Equal(["_part-wc-0-1.pending"], SinkOutput.FileNames(_directory.Path));
    }

    [Fact]
    public async Task FlushPreCommittedAsync_PowerLossAfterReturn_StagedFileSurvives()
    {
        await using var writer = Open();
        writer.WriteLine("a");
        writer.PreCommit(1);
        await writer.FlushPreCommittedAsync();

        Assert.Equal(0, _fileSystem.Crash());
        Assert.Equal(["_part-wc-0-1.pending"], SinkOutput.FileNames(_directory.Path));
    }

    [Fact]
    public async Task CommitAsync_PowerLossAfterReturn_CommittedFileSurvives()
    {
        await using var writer = Open();
        writer.WriteLine("a");
        await writer.PreCommitAsync(1);
        await writer.CommitAsync(1);

        Assert.Equal(0, _fileSystem.Crash());
        Assert.Equal(["move _part-wc-0.<writer>.inprogress -> _part-wc-0-1.pending", "sync " + DirectoryName, "move _part-wc-0-1.pending -> part-wc-0-1.txt", "sync " + DirectoryName], SinkOutput.WithoutWriterTokens(_fileSystem.Log));
        Assert.Equal(["part-wc-0-1.txt"], SinkOutput.FileNames(_directory.Path));
    }

    [Fact]
    public async Task RecoverAsync_CommitRenameLostButLaterCheckpointRestored_CommitsStagedEpoch()
    {
        SinkCommitRecord second;
        await using (var writer = Open())
        {
            writer.WriteLine("one");
            await writer.PreCommitAsync(1);
            await writer.CommitAsync(1);
            writer.WriteLine("two");
            second = await writer.PreCommitAsync(2);
        }

        // A power loss took back the commit rename of epoch 1 (as before directories were synced), while the
        // pointer to checkpoint 2, whose manifest no longer lists epoch 1, survived.
        File.Move(_directory.Combine("part-wc-0-1.txt"), _directory.Combine("_part-wc-0-1.pending"));
        Assert.Equal(["_part-wc-0-2.pending"], second.PendingFiles);

        var result = await TransactionalFileSinkWriter.RecoverAsync(_directory.Path, SinkId, Subtask, [second]);

        Assert.Equal(["part-wc-0-2.txt", "part-wc-0-1.txt"], result.CommittedFiles);
        Assert.Empty(result.DiscardedFiles);
        Assert.Equal(["one", "two"], await SinkOutput.ReadCommittedAsync(_directory.Path));
    }

    [Fact]
    public async Task CommitAsync_FinalFileOfEpochExists_ThrowsCommittedOutputConflictAndKeepsIt()
    {
        await File.WriteAllTextAsync(_directory.Combine("part-wc-0-1.txt"), "committed by an earlier run\n");
        await using var writer = Open();
        writer.WriteLine("new run");
        await writer.PreCommitAsync(1);

        var error = await Assert.ThrowsAsync<CommittedOutputConflictException>(async () => await writer.CommitAsync(1));

        Assert.Equal((_directory.Combine("part-wc-0-1.txt"), 1L), (error.FilePath, error.Epoch));
        Assert.Equal("committed by an earlier run\n", await File.ReadAllTextAsync(_directory.Combine("part-wc-0-1.txt")));
    }

    [Fact]
    public async Task RecoverAsync_CommittedEpochsNewerThanRestoredCheckpoint_ThrowsCommittedOutputConflict()
    {
        await File.WriteAllTextAsync(_directory.Combine("part-wc-3-7.txt"), "x\n");

        var error = await Assert.ThrowsAsync<CommittedOutputConflictException>(async () =>
            await TransactionalFileSinkWriter.RecoverAsync(_directory.Path, SinkId, Subtask, [new SinkCommitRecord(SinkId, 5, [])]));

        Assert.Equal(
            $"Sink 'wc' has committed output up to epoch 7 in '{_directory.Path}', but the checkpoint being restored is 5: "
            + "replaying from there would write that output again. Restore the checkpoint location (or a savepoint) that "
            + "produced this output, use an empty output directory, or accept repeated output (AllowFallbackWithDuplicates).",
            error.Message);
        Assert.Equal(7, error.Epoch);
    }

    [Fact]
    public async Task RecoverAsync_CommittedOutputAndNoCheckpoint_ThrowsCommittedOutputConflict()
    {
        await File.WriteAllTextAsync(_directory.Combine("part-wc-0-1.txt"), "x\n");

        var error = await Assert.ThrowsAsync<CommittedOutputConflictException>(async () =>
            await TransactionalFileSinkWriter.RecoverAsync(_directory.Path, SinkId, Subtask, []));

        Assert.Contains("but the job starts without a checkpoint", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecoverAsync_CommittedEpochsNewerAndDuplicatesAllowed_KeepsThemAndDiscardsNewerStaged()
    {
        await File.WriteAllTextAsync(_directory.Combine("part-wc-0-7.txt"), "x\n");
        await File.WriteAllTextAsync(_directory.Combine("_part-wc-0-8.pending"), "y\n");

        var result = await TransactionalFileSinkWriter.RecoverAsync(
            _directory.Path, SinkId, Subtask, [], new SinkRecoveryOptions { RestoredCheckpointId = 5, AllowDuplicateOutput = true });

        Assert.Equal(["_part-wc-0-8.pending"], result.DiscardedFiles);
        Assert.Equal(["part-wc-0-7.txt"], SinkOutput.FileNames(_directory.Path));
    }

    [Fact]
    public async Task HighestEpoch_OutputOfSeveralSubtasksAndSinks_ReturnsThisSinksHighest()
    {
        foreach (var name in new[] { "part-wc-0-4.txt", "part-wc-1-9.txt", "_part-wc-2-11.pending", "part-wc-x-0-50.txt", "part-wcx-0-60.txt", "notes.txt" })
        {
            await File.WriteAllTextAsync(_directory.Combine(name), "x\n");
        }

        Assert.Equal(11, TransactionalFileSinkWriter.HighestEpoch(_directory.Path, SinkId));
        Assert.Equal(50, TransactionalFileSinkWriter.HighestEpoch(_directory.Path, "wc-x"));
        Assert.Equal(0, TransactionalFileSinkWriter.HighestEpoch(_directory.Combine("missing"), SinkId));
    }

    private string DirectoryName => Path.GetFileName(_directory.Path);

    private TransactionalFileSinkWriter Open() =>
        TransactionalFileSinkWriter.Open(_directory.Path, SinkId, Subtask, TransactionalFileSinkWriter.DefaultBufferSize, _fileSystem);
}
