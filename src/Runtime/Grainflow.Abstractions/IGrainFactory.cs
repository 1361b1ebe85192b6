namespace Grainflow;

/// <summary>
/// Hands out references to grains. A reference is cheap, can be held for as long as wanted and is safe to
/// use from any thread; the grain it names is activated on its first call (virtual actors: a grain always
/// exists, and the runtime decides when it is in memory).
/// </summary>
public interface IGrainFactory
{
    /// <summary>Gets a reference to the grain of type <typeparamref name="TGrainInterface"/> with the given key.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="InvalidOperationException">No grain class implementing the interface is registered.</exception>
    TGrainInterface GetGrain<TGrainInterface>(string key)
        where TGrainInterface : IGrainWithStringKey;

    /// <summary>Gets a reference to the grain of type <typeparamref name="TGrainInterface"/> with the given key.</summary>
    TGrainInterface GetGrain<TGrainInterface>(long key)
        where TGrainInterface : IGrainWithIntegerKey;

    /// <summary>Gets a reference to the grain of type <typeparamref name="TGrainInterface"/> with the given key.</summary>
    TGrainInterface GetGrain<TGrainInterface>(Guid key)
        where TGrainInterface : IGrainWithGuidKey;
}
