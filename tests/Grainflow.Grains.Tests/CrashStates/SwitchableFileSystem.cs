using Grainflow.Streaming.Checkpointing.Durability;
using Microsoft.Win32.SafeHandles;

namespace Grainflow.Grains.Tests.CrashStates;

/// <summary>Passes every operation to <see cref="Target"/>, which a test changes between job runs (one silo, several recordings).</summary>
internal sealed class SwitchableFileSystem : FileSystemOperations
{
    private volatile FileSystemOperations _target = Real;

    public FileSystemOperations Target
    {
        get => _target;
        set => _target = value;
    }

    public override SafeFileHandle OpenFile(string path, FileMode mode, FileAccess access, FileShare share, FileOptions options = FileOptions.None) =>
        Target.OpenFile(path, mode, access, share, options);

    public override void FlushToDisk(SafeFileHandle file) => Target.FlushToDisk(file);

    public override void Move(string sourcePath, string destinationPath, bool overwrite) => Target.Move(sourcePath, destinationPath, overwrite);

    public override void Delete(string path) => Target.Delete(path);

    public override void CreateDirectory(string path) => Target.CreateDirectory(path);

    public override void DeleteDirectory(string path) => Target.DeleteDirectory(path);

    public override void SyncDirectory(string directory) => Target.SyncDirectory(directory);
}
