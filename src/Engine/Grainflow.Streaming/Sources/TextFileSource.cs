using Microsoft.Win32.SafeHandles;

namespace Grainflow.Streaming.Sources;

/// <summary>
/// Reads a UTF-8 text file line by line, in batches. The offset of a line is the byte position where it starts,
/// so <see cref="Position"/> recorded in a checkpoint is where <see cref="Seek"/> resumes after recovery.
/// </summary>
/// <remarks>
/// <para>A line ends at '\n'; a '\r' just before the '\n' is removed. A last line without '\n' is a line too, so
/// the file is read as complete: this source is for files that are no longer being written. A UTF-8 byte order
/// mark at the start of the file is skipped.</para>
/// <para>Invalid UTF-8 never stops reading: each invalid sequence becomes U+FFFD and is counted in
/// <see cref="InvalidSequenceCount"/>.</para>
/// <para>Not thread-safe: one caller at a time.</para>
/// </remarks>
public sealed class TextFileSource : IDisposable
{
    /// <summary>The initial read buffer size.</summary>
    public const int DefaultBufferSize = 64 * 1024;

    /// <summary>The default longest line, in bytes, the source accepts.</summary>
    public const int DefaultMaxLineLength = 16 * 1024 * 1024;

    private readonly SafeFileHandle _file;
    private readonly int _maxLineLength;
    private byte[] _buffer;
    private long _bufferPosition; // file position of _buffer[0]
    private int _start; // buffer index of Position
    private int _end;
    private bool _disposed;

    private TextFileSource(string filePath, SafeFileHandle file, int bufferSize, int maxLineLength)
    {
        FilePath = filePath;
        _file = file;
        _buffer = new byte[bufferSize];
        _maxLineLength = maxLineLength;
    }

    /// <summary>Gets the full path of the file.</summary>
    public string FilePath { get; }

    /// <summary>Gets the byte position where the next line to read starts.</summary>
    public long Position { get; private set; }

    /// <summary>
    /// Gets the number of invalid UTF-8 sequences replaced by U+FFFD in the lines before <see cref="Position"/>: those read
    /// so far, plus the count a <see cref="Seek"/> started from.
    /// </summary>
    public long InvalidSequenceCount { get; private set; }

    /// <summary>
    /// Gets or sets the byte position at which reading stops: no line starting there or later is read (a batch ends
    /// early, and <see cref="ReadAsync"/> returns 0 at it). <see cref="long.MaxValue"/> (the default) reads to the end.
    /// </summary>
    public long ReadLimit { get; set; } = long.MaxValue;

    /// <summary>Opens a file positioned at its first line.</summary>
    /// <param name="filePath">The file to read.</param>
    /// <param name="bufferSize">The initial read buffer size; it grows to hold a longer line.</param>
    /// <param name="maxLineLength">The longest line in bytes; a longer one throws <see cref="InvalidDataException"/>.</param>
    /// <exception cref="SourceFileUnavailableException">The file is missing, a directory, or cannot be read.</exception>
    public static TextFileSource Open(string filePath, int bufferSize = DefaultBufferSize, int maxLineLength = DefaultMaxLineLength)
    {
        ArgumentException.ThrowIfNullOrEmpty(filePath);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bufferSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLineLength);
        var fullPath = Path.GetFullPath(filePath);
        try
        {
            var file = File.OpenHandle(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.Asynchronous);
            return new TextFileSource(fullPath, file, bufferSize, maxLineLength);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Unavailable(fullPath, "cannot be opened", ex);
        }
    }

    /// <summary>
    /// Replaces the contents of <paramref name="batch"/> with the next lines, as many as fit, and advances
    /// <see cref="Position"/> past them.
    /// </summary>
    /// <returns>The number of lines read; 0 at the end of the file.</returns>
    /// <exception cref="SourceFileUnavailableException">Reading the file failed.</exception>
    /// <exception cref="SourceLineTooLongException">A line is longer than the maximum line length.</exception>
    public async ValueTask<int> ReadAsync(TextLineBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ObjectDisposedException.ThrowIf(_disposed, this);
        batch.Clear();
        while (!batch.IsFull && Position < ReadLimit)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            // A line can end inside a buffer grown past the limit (it doubles), so its length is checked here too.
            if (newline > _maxLineLength || (newline < 0 && _end - _start > _maxLineLength))
            {
                throw new SourceLineTooLongException(FilePath, Position, _maxLineLength);
            }

            if (newline >= 0)
            {
                AddLine(batch, newline, newline + 1);
                continue;
            }

            if (await FillAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                if (_end > _start)
                {
                    AddLine(batch, _end - _start, _end - _start);
                }

                break;
            }
        }

        return batch.Count;
    }

    /// <summary>
    /// Moves to the line starting at <paramref name="offset"/>, such as a <see cref="Position"/> recorded earlier.
    /// The file's length is a valid position too (everything read), even when the last line has no '\n'.
    /// </summary>
    /// <param name="offset">Where the next line to read starts.</param>
    /// <param name="invalidSequenceCount">
    /// The invalid UTF-8 sequences in the lines before <paramref name="offset"/>, recorded with it: <see cref="InvalidSequenceCount"/>
    /// goes on from there, so a resumed read reports the same total as one read from the start.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="offset"/> or <paramref name="invalidSequenceCount"/> is negative.</exception>
    /// <exception cref="SourceFileUnavailableException">The file is shorter than <paramref name="offset"/>: it was
    /// truncated or replaced since the position was recorded.</exception>
    /// <exception cref="ArgumentException"><paramref name="offset"/> is not the start of a line.</exception>
    public void Seek(long offset, long invalidSequenceCount = 0)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(invalidSequenceCount);
        var length = RandomAccess.GetLength(_file);
        if (offset > length)
        {
            throw new SourceFileUnavailableException(
                FilePath,
                $"Text source file '{FilePath}' has {length} bytes, but the job resumes it at byte {offset}: the file was "
                + "truncated or replaced since the checkpoint. Restore the original file, or start the job without its checkpoints.");
        }

        if (offset > 0 && offset < length)
        {
            Span<byte> previous = stackalloc byte[1];
            if (RandomAccess.Read(_file, previous, offset - 1) != 1 || previous[0] != (byte)'\n')
            {
                throw new ArgumentException($"Offset {offset} of '{FilePath}' is not the start of a line.", nameof(offset));
            }
        }

        Position = offset;
        InvalidSequenceCount = invalidSequenceCount;
        _bufferPosition = offset;
        _start = 0;
        _end = 0;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _disposed = true;
        _file.Dispose();
    }

    /// <param name="batch">The batch to add the line to.</param>
    /// <param name="length">The line's length in the buffer, without the '\n'.</param>
    /// <param name="consumed">The bytes the line takes in the file, with the '\n' when there is one.</param>
    private void AddLine(TextLineBatch batch, int length, int consumed)
    {
        var line = _buffer.AsSpan(_start, length);
        // Also on a last line without '\n': a file written with CRLF endings whose final newline is missing.
        if (line.EndsWith((byte)'\r'))
        {
            line = line[..^1];
        }

        if (Position == 0 && line.StartsWith("\uFEFF"u8))
        {
            line = line[3..];
        }

        var text = Utf8LineDecoder.Decode(line, out var invalidSequences);
        InvalidSequenceCount += invalidSequences;
        var start = Position;
        Position += consumed;
        _start += consumed;
        batch.Add(new TextLine(start, Position, text));
    }

    /// <summary>Moves the unread bytes to the front, grows the buffer when they fill it, and reads more.</summary>
    private async ValueTask<int> FillAsync(CancellationToken cancellationToken)
    {
        var pending = _end - _start;
        if (pending == _buffer.Length)
        {
            var larger = new byte[_buffer.Length * 2];
            _buffer.AsSpan(_start, pending).CopyTo(larger);
            _buffer = larger;
        }
        else
        {
            _buffer.AsSpan(_start, pending).CopyTo(_buffer);
        }

        _bufferPosition += _start;
        _start = 0;
        _end = pending;
        try
        {
            var read = await RandomAccess.ReadAsync(_file, _buffer.AsMemory(_end), _bufferPosition + _end, cancellationToken)
                .ConfigureAwait(false);
            _end += read;
            return read;
        }
        catch (IOException ex)
        {
            throw Unavailable(FilePath, $"could not be read at byte position {_bufferPosition + _end}", ex);
        }
    }

    private static SourceFileUnavailableException Unavailable(string path, string what, Exception inner) =>
        new(path, $"Text source file '{path}' {what}: {inner.Message}", inner);
}
