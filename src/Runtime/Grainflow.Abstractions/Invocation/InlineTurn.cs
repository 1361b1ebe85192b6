namespace Grainflow.Invocation;

/// <summary>
/// What the runtime must restore when a turn that ran on the caller's thread ends: the caller's
/// synchronization context and the caller's activation (if the caller is itself a grain).
/// </summary>
public readonly struct InlineTurn
{
    /// <summary>Records the caller's ambient state.</summary>
    public InlineTurn(SynchronizationContext? callerContext, object? callerActivation)
    {
        CallerContext = callerContext;
        CallerActivation = callerActivation;
    }

    /// <summary>The caller's synchronization context.</summary>
    public SynchronizationContext? CallerContext { get; }

    /// <summary>The caller's activation, or null when the caller is not a grain.</summary>
    public object? CallerActivation { get; }
}
