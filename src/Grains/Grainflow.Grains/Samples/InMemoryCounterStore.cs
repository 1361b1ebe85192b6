using System.Collections.Concurrent;

namespace Grainflow.Grains.Samples;

/// <summary>A process-local <see cref="ICounterStore"/>: counts live as long as the silo process.</summary>
public sealed class InMemoryCounterStore : ICounterStore
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public ValueTask<long> ReadAsync(string counterName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(counterName);
        return ValueTask.FromResult(_counts.GetValueOrDefault(counterName));
    }

    /// <inheritdoc/>
    public ValueTask WriteAsync(string counterName, long count, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(counterName);
        _counts[counterName] = count;
        return ValueTask.CompletedTask;
    }
}
