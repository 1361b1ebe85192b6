namespace Grainflow.Runtime.Activations;

/// <summary>The life of an activation: each state is left only forward.</summary>
internal enum ActivationState
{
    /// <summary>Created and in the directory; the grain is being constructed and OnActivateAsync runs. Requests queue.</summary>
    Activating,

    /// <summary>Takes requests.</summary>
    Valid,

    /// <summary>OnDeactivateAsync runs; requests that arrive queue and are re-routed to a new activation afterwards.</summary>
    Deactivating,

    /// <summary>Gone from the directory; refuses requests, so callers re-route.</summary>
    Invalid,
}
