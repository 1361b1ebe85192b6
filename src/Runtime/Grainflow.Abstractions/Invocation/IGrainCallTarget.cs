namespace Grainflow.Invocation;

/// <summary>
/// An activation as seen by a grain reference. Implemented by the runtime. A reference caches its target and
/// uses it for the fast path: when the activation is idle, the call runs on the caller's thread as a turn of
/// the activation, with no queueing and no allocation beyond the grain method's own task.
/// </summary>
public interface IGrainCallTarget
{
    /// <summary>
    /// Starts a turn on the calling thread if the activation is valid, idle and may take a request of
    /// <paramref name="method"/> now. On success the activation's synchronization context is current until
    /// <see cref="ExitInline"/>, which must be called exactly once, on the same thread.
    /// </summary>
    bool TryEnterInline(GrainMethod method, out object grain, out InlineTurn turn);

    /// <summary>
    /// Ends a turn started by <see cref="TryEnterInline"/>. When <paramref name="grainTask"/> is not complete,
    /// the request stays in progress until it is, and then its outcome goes to <paramref name="pendingCall"/>.
    /// </summary>
    void ExitInline(in InlineTurn turn, Task grainTask, GrainCall? pendingCall);
}
