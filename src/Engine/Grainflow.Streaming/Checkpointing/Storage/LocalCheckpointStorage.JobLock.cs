using System.Globalization;

namespace Grainflow.Streaming.Checkpointing.Storage;

/// <summary>One process per job's checkpoint location.</summary>
public sealed partial class LocalCheckpointStorage : ICheckpointLocationLock
{
    private const string JobLockFileName = ".writer.lock";
    private const string JobLockOwnerFileName = ".writer.owner";

    /// <inheritdoc/>
    /// <remarks>
    /// The lock is an open handle with <see cref="FileShare.None"/> on <c>&lt;root&gt;/&lt;job&gt;/.writer.lock</c>
    /// (<c>flock</c> on Unix), which the operating system releases when its process dies: a stale lock file of a
    /// dead process is simply taken over. Who holds it is written next to it, for the message of the next contender.
    /// </remarks>
    public ValueTask<IAsyncDisposable> AcquireJobLockAsync(string jobId, CancellationToken cancellationToken = default)
    {
        CheckpointStorageLayout.ValidateName(jobId, nameof(jobId), "job id");
        cancellationToken.ThrowIfCancellationRequested();
        var directory = Path.Combine(RootDirectory, jobId);
        CreateDirectoryDurably(directory);
        var ownerPath = Path.Combine(directory, JobLockOwnerFileName);
        FileStream handle;
        try
        {
            handle = new FileStream(Path.Combine(directory, JobLockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1);
        }
        catch (IOException ex) when (ex is not DirectoryNotFoundException)
        {
            var owner = ReadOwner(ownerPath);
            throw new CheckpointLocationLockedException(
                $"Another process runs job '{jobId}' on the checkpoint location '{RootDirectory}'{owner}. Stop it first, "
                + "or give this job another checkpoint location.",
                jobId,
                ex);
        }

        try
        {
            var owner = string.Create(
                CultureInfo.InvariantCulture,
                $"process {Environment.ProcessId} on {Environment.MachineName} since {DateTimeOffset.UtcNow:O}");
            File.WriteAllText(ownerPath, owner);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The owner note only improves a contender's message; the lock is the handle.
        }

        return ValueTask.FromResult<IAsyncDisposable>(new JobLock(handle));
    }

    private static string ReadOwner(string ownerPath)
    {
        try
        {
            var owner = File.ReadAllText(ownerPath).ReplaceLineEndings(" ").Trim();
            return owner.Length == 0 ? string.Empty : $" ({owner})";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }

    private sealed class JobLock(FileStream handle) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => handle.DisposeAsync();
    }
}
