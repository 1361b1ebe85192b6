using Grainflow.Streaming.Api;

namespace Grainflow.Streaming.Sources.Readers;

/// <summary>
/// Reads one partition of a replayable log in batches of whole records; the position is the offset of the next
/// record, so a checkpoint taken between two reads records exactly where the records before its barrier end.
/// </summary>
internal sealed class LogSourceReader<T>(IReplayableLog log, int partition, ILogRecordDecoder<T> decoder, bool bounded) : ISourceReader<T>
{
    private readonly LogRecordBatch _batch = new();
    private ILogReader? _reader;
    private long _position;
    private long _end = long.MaxValue;
    private long _stop = long.MaxValue;
    private bool _readPastStop;

    public long Position => _position;

    public bool IsAtEnd => bounded && _position >= _end;

    public long InvalidInputCount { get; private set; }

    public async ValueTask SeekAsync(long offset, long invalidInputCount, CancellationToken cancellationToken)
    {
        // Opened at the offset itself: opening at the first retained offset and seeking from there would scan that
        // segment too, and fail on a partition whose first segments retention has removed meanwhile.
        if (_reader is null)
        {
            await OpenAsync(offset, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await _reader.SeekAsync(offset, cancellationToken).ConfigureAwait(false);
        }

        _position = offset;
        _readPastStop = false;
        InvalidInputCount = invalidInputCount;
    }

    public void StopAt(long? offset) => _stop = offset ?? long.MaxValue;

    /// <returns>The number of log records consumed (a record may yield no source record, or many).</returns>
    public async ValueTask<int> ReadAsync(ICollector<T> output, CancellationToken cancellationToken)
    {
        // Back on the caller's scheduler before pushing (see ISourceReader.ReadAsync).
        var reader = _reader ?? await OpenAsync(offset: null, cancellationToken).ConfigureAwait(true);
        if (IsAtEnd || _position >= _stop)
        {
            return 0;
        }

        if (_readPastStop)
        {
            // The log reader went on past the stop in the batch that reached it: those records were never handed out.
            await reader.SeekAsync(_position, cancellationToken).ConfigureAwait(true);
            _readPastStop = false;
        }

        _batch.Clear();
        await reader.ReadAsync(_batch, cancellationToken).ConfigureAwait(true);
        var consumed = 0;
        foreach (var record in _batch.Records)
        {
            if (record.Offset >= _end)
            {
                break;
            }

            if (record.Offset >= _stop)
            {
                _readPastStop = true;
                break;
            }

            InvalidInputCount += decoder.Decode(partition, record, output);
            _position = record.Offset + 1;
            consumed++;
        }

        return consumed;
    }

    public void Dispose() => _reader?.Dispose();

    /// <summary>Opens the partition at <paramref name="offset"/>, or at its first retained record when null.</summary>
    private async ValueTask<ILogReader> OpenAsync(long? offset, CancellationToken cancellationToken)
    {
        var bounds = await log.GetBoundsAsync(partition, cancellationToken).ConfigureAwait(false);
        _end = bounded ? bounds.NextOffset : long.MaxValue;
        _position = offset ?? bounds.FirstOffset;
        _reader = await log.OpenReaderAsync(partition, _position, cancellationToken).ConfigureAwait(false);
        return _reader;
    }
}
