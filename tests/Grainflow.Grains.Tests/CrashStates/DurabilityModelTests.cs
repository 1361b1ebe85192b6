using System.Text;

namespace Grainflow.Grains.Tests.CrashStates;

public sealed class DurabilityModelTests
{
    [Fact]
    public void OnlySynced_RenameBeforeItsDirectoryIsSynced_KeepsTheOldNameWithTheFlushedContent()
    {
        var model = Replay(
            Op(FileOperationKind.CreateDirectory, "d"),
            Op(FileOperationKind.SyncDirectory, string.Empty),
            Op(FileOperationKind.CreateFile, "d/.tmp"),
            Flush("d/.tmp", openedBy: 2, "v1"),
            Op(FileOperationKind.SyncDirectory, "d"),
            Move("d/.tmp", "d/file"));

        Assert.Equal(["d", "d/.tmp=v1"], Listing(model.OnlySynced()));
        Assert.Equal(["d", "d/file=v1"], Listing(model.DirectoryUpdatesSurvive()));
    }

    [Fact]
    public void OnlySynced_SyncedRename_MovesTheInodeWithTheContentOfItsLastFlush()
    {
        var model = Replay(
            Op(FileOperationKind.CreateFile, ".tmp"),
            Flush(".tmp", openedBy: 0, "v1"),
            Move(".tmp", "file"),
            Op(FileOperationKind.SyncDirectory, string.Empty),
            Op(FileOperationKind.OpenFile, "file"),
            Flush("file", openedBy: 4, "v2"));

        Assert.Equal(["file=v2"], Listing(model.OnlySynced()));
    }

    [Fact]
    public void OnlySynced_WithADirectoryWrittenBack_KeepsItsUnsyncedUpdatesButNoOtherDirectorys()
    {
        var model = Replay(
            Op(FileOperationKind.CreateDirectory, "d"),
            Op(FileOperationKind.SyncDirectory, string.Empty),
            Op(FileOperationKind.CreateFile, "d/.tmp"),
            Flush("d/.tmp", openedBy: 2, "v1"),
            Op(FileOperationKind.SyncDirectory, "d"),
            Op(FileOperationKind.CreateFile, "x"),
            Move("d/.tmp", "d/file"));

        Assert.Equal(["d", "d/file=v1"], Listing(model.OnlySynced(writtenBack: "d")));
        Assert.Equal(["d", "d/.tmp=v1", "x="], Listing(model.OnlySynced(writtenBack: string.Empty)));
    }

    [Fact]
    public void OnlySynced_FileNeverFlushed_IsEmpty()
    {
        var model = Replay(Op(FileOperationKind.CreateFile, "file"), Op(FileOperationKind.SyncDirectory, string.Empty));

        Assert.Equal(["file="], Listing(model.OnlySynced()));
    }

    [Fact]
    public void OnlySynced_DirectoryWhoseParentWasNeverSynced_IsLostWithItsSyncedEntries()
    {
        var model = Replay(
            Op(FileOperationKind.CreateDirectory, "out"),
            Op(FileOperationKind.CreateFile, "out/part"),
            Flush("out/part", openedBy: 1, "x"),
            Op(FileOperationKind.SyncDirectory, "out"));

        Assert.Empty(model.OnlySynced());
        Assert.Equal(["out", "out/part=x"], Listing(model.DirectoryUpdatesSurvive()));
    }

    [Fact]
    public void OnlySynced_DeleteAndDirectoryRemovalBeforeTheParentIsSynced_AreUndone()
    {
        var model = Replay(
            Op(FileOperationKind.CreateDirectory, "chk-1"),
            Op(FileOperationKind.SyncDirectory, string.Empty),
            Op(FileOperationKind.CreateFile, "chk-1/state"),
            Flush("chk-1/state", openedBy: 2, "s"),
            Op(FileOperationKind.SyncDirectory, "chk-1"),
            Op(FileOperationKind.Delete, "chk-1/state"),
            Op(FileOperationKind.SyncDirectory, "chk-1"),
            Op(FileOperationKind.DeleteDirectory, "chk-1"));

        Assert.Equal(["chk-1"], Listing(model.OnlySynced()));
        Assert.Empty(model.DirectoryUpdatesSurvive());
    }

    [Fact]
    public void Enumerate_StatesThatDifferOnlyInUnsyncedOperations_CollapseIntoOne()
    {
        List<FileOperation> operations =
        [
            Op(FileOperationKind.CreateFile, "a", index: 0),
            Op(FileOperationKind.CreateFile, "b", index: 1),
            Op(FileOperationKind.SyncDirectory, string.Empty, index: 2),
        ];

        var states = CrashStateEnumerator.Enumerate(operations);

        // Only synced: {} (x3), {a, b}; directory updates survive: {}, {a}, {a, b}.
        Assert.Equal((4, 2), (states.CrashPoints, states.OnlySyncedCount));
        Assert.Equal([string.Empty, "a=", "a=|b="], states.States.Select(s => string.Join("|", Listing(s.Entries))).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Apply_MoveOfAFileTheRunNeverCreated_ThrowsNamingTheOperation()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Replay(Move("ghost", "file")));

        Assert.Equal("#0 move ghost -> file: 'ghost' is not a FileNode the recorded operations created.", error.Message);
    }

    private static DurabilityModel Replay(params FileOperation[] operations)
    {
        var model = new DurabilityModel();
        for (var i = 0; i < operations.Length; i++)
        {
            model.Apply(operations[i] with { Index = i });
        }

        return model;
    }

    private static FileOperation Op(FileOperationKind kind, string path, int index = 0) => new(index, kind, path);

    private static FileOperation Flush(string path, int openedBy, string content) =>
        new(0, FileOperationKind.FlushFile, path, Content: Encoding.UTF8.GetBytes(content), OpenedBy: openedBy);

    private static FileOperation Move(string source, string target) => new(0, FileOperationKind.Move, source, target);

    private static List<string> Listing(IReadOnlyDictionary<string, byte[]?> entries) =>
        [.. entries.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => e.Value is null ? e.Key : $"{e.Key}={Encoding.UTF8.GetString(e.Value)}")];
}
