using Orleans.Streams;

namespace Grainflow.Samples.StreamSubscriber;

/// <summary>Prints each result once: per stream, an event whose token is not newer than the last printed one is a redelivery.</summary>
internal sealed class ResultPrinter(TextWriter output)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, StreamSequenceToken> _lastPrinted = new(StringComparer.Ordinal);

    public Task PrintAsync(string key, string line, StreamSequenceToken? token)
    {
        lock (_lock)
        {
            if (token is not null)
            {
                if (_lastPrinted.TryGetValue(key, out var last) && !token.Newer(last))
                {
                    return Task.CompletedTask;
                }

                _lastPrinted[key] = token;
            }

            output.WriteLine(line);
            output.Flush();
        }

        return Task.CompletedTask;
    }
}
