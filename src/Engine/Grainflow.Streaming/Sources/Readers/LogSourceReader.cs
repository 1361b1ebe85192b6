using Grainflow.Streaming.Api;

namespace Grainflow.Streaming.Sources.Readers;

/// <summary>Reads one partition of a replayable log in batches; the offset is the log's record offset.</summary>
internal sealed class LogSourceReader<T>(IReplayableLog log, int partition, Func<ReadOnlyMemory<byte>, T> decode, bool bounded) : ISourceReader<T>
{
    private readonly LogRecordBatch _batch = new();
    private ILogReader? _reader;
    private long _position;
    private long _end = long.MaxValue;

    public long Position => _position;

    public bool IsAtEnd => bounded && _position >= _end;

    public long InvalidInputCount => 0;

    public async ValueTask SeekAsync(long offset, CancellationToken cancellationToken)
    {
        var reader = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await reader.SeekAsync(offset, cancellationToken).ConfigureAwait(false);
        _position = offset;
    }

    public async ValueTask<int> ReadAsync(ICollector<T> output, CancellationToken cancellationToken)
    {
        var reader = await OpenAsync(cancellationToken).ConfigureAwait(false);
        if (IsAtEnd)
        {
            return 0;
        }

        _batch.Clear();
        var count = await reader.ReadAsync(_batch, cancellationToken).ConfigureAwait(false);
        var emitted = 0;
        foreach (var record in _batch.Records)
        {
            if (record.Offset >= _end)
            {
                break;
            }

            output.Collect(decode(record.Payload));
            _position = record.Offset + 1;
            emitted++;
        }

        return count == 0 ? 0 : emitted;
    }

    public void Dispose() => _reader?.Dispose();

    private async ValueTask<ILogReader> OpenAsync(CancellationToken cancellationToken)
    {
        if (_reader is null)
        {
            var bounds = await log.GetBoundsAsync(partition, cancellationToken).ConfigureAwait(false);
            _end = bounded ? bounds.NextOffset : long.MaxValue;
            _position = bounds.FirstOffset;
            _reader = await log.OpenReaderAsync(partition, bounds.FirstOffset, cancellationToken).ConfigureAwait(false);
        }

        return _reader;
    }
}
