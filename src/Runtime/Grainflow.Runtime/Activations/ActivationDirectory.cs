using System.Collections.Concurrent;

namespace Grainflow.Runtime.Activations;

/// <summary>
/// The silo's activations by grain id. Guarantees a single activation per grain: when callers race to the
/// first call, exactly one newly created activation is added and started; the others are dropped unstarted.
/// </summary>
internal sealed class ActivationDirectory
{
    private readonly ConcurrentDictionary<GrainId, Activation> _activations = new();

    public int Count => _activations.Count;

    public IEnumerable<Activation> All => _activations.Values;

    public Activation GetOrActivate(GrainId grainId, Func<GrainId, Activation> create)
    {
        if (_activations.TryGetValue(grainId, out var existing))
        {
            return existing;
        }

        var created = create(grainId);
        var winner = _activations.GetOrAdd(grainId, created);
        if (ReferenceEquals(winner, created))
        {
            created.Start();
        }

        return winner;
    }

    public bool TryGet(GrainId grainId, out Activation? activation) => _activations.TryGetValue(grainId, out activation);

    /// <summary>Removes <paramref name="activation"/> if it is still the one registered for its grain.</summary>
    public void Remove(Activation activation) =>
        _activations.TryRemove(new KeyValuePair<GrainId, Activation>(activation.GrainId, activation));
}
