using System.Text;

namespace Grainflow.Grains.Tests.CrashStates;

public sealed class RecordingFileSystemTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Operations_UnderTheRoot_AreRecordedInOrderWithTheContentOfEachFlush()
    {
        var root = _directory.Sub("root");
        Directory.CreateDirectory(root);
        var outside = _directory.Sub("outside");
        var recorder = new RecordingFileSystem(root);

        recorder.CreateDirectory(Path.Combine(root, "a", "b"));
        using (var file = recorder.OpenFile(Path.Combine(root, "a", ".tmp"), FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            RandomAccess.Write(file, "one"u8, 0);
            recorder.FlushToDisk(file);
            RandomAccess.Write(file, "two"u8, 3);
        }

        recorder.Move(Path.Combine(root, "a", ".tmp"), Path.Combine(root, "a", "file"), overwrite: false);
        recorder.SyncDirectory(Path.Combine(root, "a"));
        recorder.CreateDirectory(outside);
        recorder.SyncDirectory(outside);
        recorder.Delete(Path.Combine(root, "a", "missing"));

        Assert.Equal(
            ["#0 CreateDirectory a", "#1 CreateDirectory a/b", "#2 CreateFile a/.tmp", "#3 fsync a/.tmp (3 bytes)", "#4 move a/.tmp -> a/file", "#5 SyncDirectory a"],
            recorder.Operations.Select(op => op.ToString()));
        Assert.Equal(("one", 2), (Encoding.UTF8.GetString(recorder.Operations[3].Content!), recorder.Operations[3].OpenedBy));
        Assert.Equal("onetwo", File.ReadAllText(Path.Combine(root, "a", "file")));
        Assert.True(Directory.Exists(outside));
    }
}
