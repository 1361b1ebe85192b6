using Grainflow.Streaming.Api;

namespace Grainflow.Streaming.Sources.Readers;

/// <summary>Reads lines of a text file in batches; the offset is the byte position of the next line.</summary>
internal sealed class TextFileSourceReader(TextFileSource source) : ISourceReader<string>
{
    private readonly TextLineBatch _batch = new();

    public long Position => source.Position;

    public bool IsAtEnd { get; private set; }

    public long InvalidInputCount => source.InvalidSequenceCount;

    public ValueTask SeekAsync(long offset, long invalidInputCount, CancellationToken cancellationToken)
    {
        source.Seek(offset, invalidInputCount);
        IsAtEnd = false;
        return ValueTask.CompletedTask;
    }

    public void StopAt(long? offset) => source.ReadLimit = offset ?? long.MaxValue;

    public async ValueTask<int> ReadAsync(ICollector<string> output, CancellationToken cancellationToken)
    {
        // Back on the caller's scheduler before pushing: the records go into the task's exchange, which only the task's
        // turns may touch (a file read completes on the thread pool).
        var count = await source.ReadAsync(_batch, cancellationToken).ConfigureAwait(true);
        if (count == 0 && source.Position < source.ReadLimit)
        {
            IsAtEnd = true;
            return 0;
        }

        foreach (var line in _batch.Lines)
        {
            output.Collect(line.Text);
        }

        _batch.Clear();
        return count;
    }

    public void Dispose() => source.Dispose();
}
