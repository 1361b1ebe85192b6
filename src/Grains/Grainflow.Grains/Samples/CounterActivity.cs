namespace Grainflow.Grains.Samples;

/// <summary>
/// How many counter activations were started and finished in this silo, so the host can report them.
/// Thread-safe: every activation updates it from its own turns.
/// </summary>
public sealed class CounterActivity
{
    private int _activations;
    private int _deactivations;

    /// <summary>Activations that completed <c>OnActivateAsync</c>.</summary>
    public int Activations => Volatile.Read(ref _activations);

    /// <summary>Activations that completed <c>OnDeactivateAsync</c>, having saved their count.</summary>
    public int Deactivations => Volatile.Read(ref _deactivations);

    internal void OnActivated() => Interlocked.Increment(ref _activations);

    internal void OnDeactivated() => Interlocked.Increment(ref _deactivations);
}
