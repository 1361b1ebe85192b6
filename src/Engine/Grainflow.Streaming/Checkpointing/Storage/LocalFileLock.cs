using System.Diagnostics;

namespace Grainflow.Streaming.Checkpointing.Storage;

/// <summary>
/// An exclusive lock held by keeping a lock file open with <see cref="FileShare.None"/> (an advisory
/// <c>flock</c> on Unix, a sharing lock on Windows). It excludes other threads and other processes alike, and
/// the operating system releases it if the holder dies, so a crash never leaves the store locked.
/// </summary>
internal sealed class LocalFileLock : IDisposable
{
    private static readonly TimeSpan s_maxBackoff = TimeSpan.FromMilliseconds(20);

    private readonly FileStream _stream;

    private LocalFileLock(FileStream stream) => _stream = stream;

    /// <exception cref="TimeoutException">Another holder kept the lock for longer than <paramref name="timeout"/>.</exception>
    public static async ValueTask<LocalFileLock> AcquireAsync(
        string lockPath,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var backoff = TimeSpan.FromMilliseconds(1);
        while (true)
        {
            try
            {
                return new LocalFileLock(new FileStream(
                    lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1));
            }
            catch (IOException ex) when (ex is not DirectoryNotFoundException && Stopwatch.GetElapsedTime(started) < timeout)
            {
                // Held by someone else; critical sections are a rename long, so a short backoff suffices.
            }
            catch (IOException ex) when (ex is not DirectoryNotFoundException)
            {
                throw new TimeoutException($"Could not lock '{lockPath}' within {timeout}.", ex);
            }

            await Task.Delay(backoff, cancellationToken).ConfigureAwait(false);
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, s_maxBackoff.Ticks));
        }
    }

    public void Dispose() => _stream.Dispose();
}
