using Grainflow.Streaming.Checkpointing.Durability;

namespace Grainflow.Grains.Tests.Protocol;

/// <summary>
/// The real file system, except that the first rename into <paramref name="outputDirectory"/> (a file sink committing
/// its pending file when a checkpoint completed) throws, as a full or read-only disk would; every later one goes on.
/// </summary>
internal sealed class CommitFailingFileSystem(string outputDirectory) : FileSystemOperations
{
    private readonly string _outputDirectory = Path.GetFullPath(outputDirectory);
    private int _failedCommits;

    public int FailedCommits => Volatile.Read(ref _failedCommits);

    public override void Move(string sourcePath, string destinationPath, bool overwrite)
    {
        if (string.Equals(Path.GetDirectoryName(Path.GetFullPath(destinationPath)), _outputDirectory, StringComparison.Ordinal)
            && Interlocked.CompareExchange(ref _failedCommits, 1, 0) == 0)
        {
            throw new IOException($"Injected failure committing {destinationPath}.");
        }

        base.Move(sourcePath, destinationPath, overwrite);
    }
}
