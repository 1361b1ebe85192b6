namespace Grainflow.Invocation;

/// <summary>
/// Delivers calls that cannot take the fast path: the first call to a grain (which activates it), calls to a
/// busy activation (queued in order), and calls to an activation that was deactivated (re-routed to a new one).
/// Implemented by the runtime; thread-safe.
/// </summary>
public interface IGrainCallRouter
{
    /// <summary>Delivers <paramref name="call"/> to the activation of <paramref name="reference"/>; the call's task carries the outcome.</summary>
    void Send(GrainReference reference, GrainCall call);
}
