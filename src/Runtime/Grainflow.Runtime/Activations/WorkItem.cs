namespace Grainflow.Runtime.Activations;

/// <summary>One unit of an activation's work, taken from its queues under the lock and run outside it.</summary>
internal readonly record struct WorkItem(WorkKind Kind, object? Target, object? State);

/// <summary>What a <see cref="WorkItem"/> runs.</summary>
internal enum WorkKind
{
    /// <summary>An await continuation of grain code (Target: the callback, State: its state).</summary>
    Continuation,

    /// <summary>A grain call (Target: the call).</summary>
    Call,

    /// <summary>A timer tick (Target: the timer).</summary>
    TimerTick,

    /// <summary>Construct the grain and run OnActivateAsync.</summary>
    Activate,

    /// <summary>Run OnDeactivateAsync and leave the directory.</summary>
    Deactivate,
}
