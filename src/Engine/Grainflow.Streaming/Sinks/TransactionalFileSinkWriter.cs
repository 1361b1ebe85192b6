using System.Buffers;
using System.Text.Unicode;
using Grainflow.Streaming.Checkpointing.Durability;
using Grainflow.Streaming.Checkpointing.Storage;
using Microsoft.Win32.SafeHandles;

namespace Grainflow.Streaming.Sinks;

/// <summary>
/// The exactly-once file sink of one sink subtask: writes UTF-8 lines to a staging file that readers ignore,
/// pre-commits it at a checkpoint barrier and makes it visible by renaming it once the checkpoint is complete
/// (two-phase commit). Readers take every file whose name does not start with <c>_</c> or <c>.</c>.
/// </summary>
/// <remarks>
/// <para>Lifecycle: run <c>RecoverAsync</c> for the restored checkpoint, <c>Open</c> the writer, then
/// repeat <see cref="Write"/> ... <see cref="PreCommitAsync"/> at every barrier, and <see cref="CommitAsync"/> when a
/// checkpoint completes. The records between two barriers are one epoch, named after the checkpoint id that covers
/// them, so an epoch's final file name is the same on every retry. An epoch without records produces no file.</para>
/// <para>Not thread-safe: the sink task calls it, one call at a time. One writer per sink subtask: two live writers
/// of the same subtask (a zombie activation) would stage into the same file.</para>
/// </remarks>
public sealed partial class TransactionalFileSinkWriter : IDisposable, IAsyncDisposable
{
    /// <summary>The default size of the encode buffer, which is written to the staging file whenever it fills.</summary>
    public const int DefaultBufferSize = 64 * 1024;

    // Well above the longest UTF-8 sequence (4 bytes), so an emptied buffer always takes the next code point.
    private const int MinBufferSize = 16;

    private readonly SinkFileNaming _naming;
    private readonly FileSystemOperations _fileSystem;
    private readonly string _inProgressPath;
    private readonly byte[] _buffer;
    private readonly List<(long Epoch, long Length)> _pending = [];
    private readonly List<string> _notOnDisk = [];
    private SafeFileHandle? _file;
    private long _fileLength; // bytes of the staging file already handed to the file system
    private int _buffered;
    private long _lastPreCommitted;
    private bool _faulted;
    private bool _disposed;

    private TransactionalFileSinkWriter(
        string outputDirectory, string sinkId, int subtaskIndex, SinkFileNaming naming, int bufferSize, FileSystemOperations fileSystem)
    {
        _fileSystem = fileSystem;
        OutputDirectory = outputDirectory;
        SinkId = sinkId;
        SubtaskIndex = subtaskIndex;
        _naming = naming;
        _inProgressPath = Path.Combine(outputDirectory, naming.NewInProgressName());
        _buffer = new byte[bufferSize];
    }

    /// <summary>Gets the full path of the output directory.</summary>
    public string OutputDirectory { get; }

    /// <summary>Gets the sink's id within the job's topology.</summary>
    public string SinkId { get; }

    /// <summary>Gets the index of this sink subtask.</summary>
    public int SubtaskIndex { get; }

    /// <summary>Opens the writer of one sink subtask, creating the output directory if needed.</summary>
    /// <param name="outputDirectory">The directory readers consume.</param>
    /// <param name="sinkId">The sink's id within the job's topology: ASCII letters, digits, '-', '_' and '.'.</param>
    /// <param name="subtaskIndex">The index of this sink subtask.</param>
    /// <param name="bufferSize">The encode buffer size in bytes.</param>
    /// <exception cref="SinkDirectoryUnavailableException">The directory cannot be created or written.</exception>
    public static TransactionalFileSinkWriter Open(string outputDirectory, string sinkId, int subtaskIndex, int bufferSize = DefaultBufferSize) =>
        Open(outputDirectory, sinkId, subtaskIndex, bufferSize, FileSystemOperations.Real);

    internal static TransactionalFileSinkWriter Open(
        string outputDirectory, string sinkId, int subtaskIndex, int bufferSize, FileSystemOperations fileSystem)
    {
        var naming = new SinkFileNaming(sinkId, subtaskIndex);
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferSize, MinBufferSize);
        var fullPath = SinkOutputDirectory.EnsureWritable(outputDirectory, fileSystem);
        return new TransactionalFileSinkWriter(fullPath, sinkId, subtaskIndex, naming, bufferSize, fileSystem);
    }

    /// <summary>Appends <paramref name="line"/> and a '\n' to the current epoch. Invalid UTF-16 becomes U+FFFD.</summary>
    /// <exception cref="ArgumentException"><paramref name="line"/> contains '\n', which would split the record.</exception>
    /// <exception cref="IOException">Writing the staging file failed; <see cref="AbortAsync"/> before writing again.</exception>
    public void Write(ReadOnlySpan<char> line)
    {
        ThrowIfUnusable();
        if (line.Contains('\n'))
        {
            throw new ArgumentException("A line written to a file sink cannot contain '\\n'.", nameof(line));
        }

        try
        {
            _file ??= _fileSystem.OpenFile(_inProgressPath, FileMode.Create, FileAccess.Write, FileShare.Read | FileShare.Delete);
            while (true)
            {
                var status = Utf8.FromUtf16(line, _buffer.AsSpan(_buffered), out var read, out var written);
                _buffered += written;
                if (status == OperationStatus.Done)
                {
                    break;
                }

                line = line[read..];
                WriteBuffer();
            }

            if (_buffered == _buffer.Length)
            {
                WriteBuffer();
            }

            _buffer[_buffered++] = (byte)'\n';
        }
        catch
        {
            _faulted = true;
            throw;
        }
    }

    /// <inheritdoc cref="Write"/>
    public void WriteLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        Write(line.AsSpan());
    }

    /// <summary>
    /// Pre-commit phase, at the barrier of <paramref name="checkpointId"/>: makes the current epoch durable under
    /// its staged name and starts the next epoch. Put the returned record in the checkpoint's manifest.
    /// </summary>
    /// <returns>This subtask's staged files not committed yet: the epoch just closed (unless it had no records) and
    /// earlier epochs whose commit has not happened yet, which the checkpoint covers too.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="checkpointId"/> is not greater than the last one.</exception>
    /// <exception cref="IOException">Writing or renaming the staging file failed; the checkpoint must be declined.</exception>
    public async ValueTask<SinkCommitRecord> PreCommitAsync(long checkpointId, CancellationToken cancellationToken = default)
    {
        ThrowIfUnusable();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(checkpointId, _lastPreCommitted);
        cancellationToken.ThrowIfCancellationRequested();
        if (_file is not null)
        {
            try
            {
                await RandomAccess.WriteAsync(_file, _buffer.AsMemory(0, _buffered), _fileLength, cancellationToken).ConfigureAwait(false);
                _fileLength += _buffered;
                _buffered = 0;
                _fileSystem.FlushToDisk(_file);
                CloseFile();
                // Not overwriting: a staged file of this epoch already there means recovery did not run first.
                _fileSystem.Move(_inProgressPath, Path.Combine(OutputDirectory, _naming.PendingName(checkpointId)), overwrite: false);
                // The manifest will name the staged file: its name must survive a power loss before it is acknowledged.
                _fileSystem.SyncDirectory(OutputDirectory);
            }
            catch
            {
                _faulted = true;
                throw;
            }

            _pending.Add((checkpointId, _fileLength));
            _fileLength = 0;
        }

        _lastPreCommitted = checkpointId;
        var pendingFiles = new string[_pending.Count];
        for (var i = 0; i < pendingFiles.Length; i++)
        {
            pendingFiles[i] = _naming.PendingName(_pending[i].Epoch);
        }

        return new SinkCommitRecord(SinkId, checkpointId, pendingFiles);
    }

    /// <summary>
    /// The pre-commit phase without waiting for the disk, for the barrier path: the epoch is closed and renamed
    /// to its staged name at once, so records after the barrier go to the next epoch; forcing it to disk is left
    /// to <see cref="FlushPreCommittedAsync"/>, which must complete before the checkpoint is acknowledged.
    /// </summary>
    /// <returns>As <see cref="PreCommitAsync"/>.</returns>
    public SinkCommitRecord PreCommit(long checkpointId)
    {
        ThrowIfUnusable();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(checkpointId, _lastPreCommitted);
        if (_file is not null)
        {
            try
            {
                RandomAccess.Write(_file, _buffer.AsSpan(0, _buffered), _fileLength);
                _fileLength += _buffered;
                _buffered = 0;
                CloseFile();
                var pendingPath = Path.Combine(OutputDirectory, _naming.PendingName(checkpointId));
                _fileSystem.Move(_inProgressPath, pendingPath, overwrite: false);
                _notOnDisk.Add(pendingPath);
            }
            catch
            {
                _faulted = true;
                throw;
            }

            _pending.Add((checkpointId, _fileLength));
            _fileLength = 0;
        }

        _lastPreCommitted = checkpointId;
        return new SinkCommitRecord(SinkId, checkpointId, [.. _pending.Select(p => _naming.PendingName(p.Epoch))]);
    }

    /// <summary>
    /// Forces the files staged by <see cref="PreCommit"/> to disk, on the thread pool. Call it right after
    /// <see cref="PreCommit"/> (it takes the list synchronously) and acknowledge the checkpoint only once it completed.
    /// </summary>
    public Task FlushPreCommittedAsync(CancellationToken cancellationToken = default)
    {
        if (_notOnDisk.Count == 0)
        {
            return Task.CompletedTask;
        }

        string[] paths = [.. _notOnDisk];
        _notOnDisk.Clear();
        var fileSystem = _fileSystem;
        var directory = OutputDirectory;
        return Task.Run(
            () =>
            {
                foreach (var path in paths)
                {
                    using var handle = fileSystem.OpenFile(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                    fileSystem.FlushToDisk(handle);
                }

                fileSystem.SyncDirectory(directory);
            },
            cancellationToken);
    }

    /// <summary>
    /// Commit phase, once <paramref name="checkpointId"/> is complete: makes every pre-committed epoch up to it
    /// visible. Idempotent; a notification for an older checkpoint commits nothing new.
    /// </summary>
    /// <exception cref="IOException">A rename failed; the epochs not yet renamed stay pending and are retried by the
    /// next commit or by recovery.</exception>
    public ValueTask CommitAsync(long checkpointId, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var committed = 0;
        try
        {
            while (committed < _pending.Count && _pending[committed].Epoch <= checkpointId)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (epoch, length) = _pending[committed];
                PendingFileCommitter.Commit(_fileSystem, OutputDirectory, _naming.PendingName(epoch), _naming.FinalName(epoch), epoch, length);
                committed++;
            }
        }
        finally
        {
            _pending.RemoveRange(0, committed);
        }

        // Durable before the caller relies on the epoch being visible (and before retention drops the checkpoint
        // whose manifest still lists it).
        if (committed > 0)
        {
            _fileSystem.SyncDirectory(OutputDirectory);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Discards the current epoch: its records are dropped and its staging file deleted. Pre-committed epochs are
    /// kept, since a manifest may list them. Clears a failed write, so the writer can be used again.
    /// </summary>
    public ValueTask AbortAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        CloseFile();
        _fileSystem.Delete(_inProgressPath);
        _buffered = 0;
        _fileLength = 0;
        _faulted = false;
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Closes the staging file without committing or deleting anything: what is not committed is discarded by
    /// the next <c>RecoverAsync</c>.
    /// </summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            CloseFile();
        }
    }

    /// <inheritdoc cref="Dispose"/>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private void WriteBuffer()
    {
        RandomAccess.Write(_file!, _buffer.AsSpan(0, _buffered), _fileLength);
        _fileLength += _buffered;
        _buffered = 0;
    }

    private void CloseFile()
    {
        _file?.Dispose();
        _file = null;
    }

    private void ThrowIfUnusable()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_faulted)
        {
            throw new InvalidOperationException(
                $"A write of sink '{SinkId}' subtask {SubtaskIndex} failed; abort the epoch before writing again.");
        }
    }
}
