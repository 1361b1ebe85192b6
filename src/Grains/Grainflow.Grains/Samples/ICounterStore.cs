namespace Grainflow.Grains.Samples;

/// <summary>
/// Where counter grains keep their counts between activations. Implementations must be safe to call from
/// many activations at once; one counter is only ever written by its single activation.
/// </summary>
public interface ICounterStore
{
    /// <summary>The saved count of <paramref name="counterName"/>, or 0 when it was never saved.</summary>
    ValueTask<long> ReadAsync(string counterName, CancellationToken cancellationToken = default);

    /// <summary>Saves <paramref name="count"/> as the count of <paramref name="counterName"/>, replacing the previous one.</summary>
    ValueTask WriteAsync(string counterName, long count, CancellationToken cancellationToken = default);
}
