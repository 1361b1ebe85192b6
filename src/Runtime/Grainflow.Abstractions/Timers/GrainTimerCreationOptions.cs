namespace Grainflow.Timers;

/// <summary>Options of a grain timer.</summary>
public sealed record GrainTimerCreationOptions
{
    /// <summary>Time until the first tick.</summary>
    public required TimeSpan DueTime { get; init; }

    /// <summary>Time from the end of one tick's callback to the next tick; <see cref="Timeout.InfiniteTimeSpan"/> for one tick only.</summary>
    public required TimeSpan Period { get; init; }

    /// <summary>
    /// When true, ticks may interleave with a request that is awaiting; when false (the default), a tick waits
    /// until no request is in progress, like any non-reentrant request.
    /// </summary>
    public bool Interleave { get; init; }

    /// <summary>When true, each tick counts as use of the activation and so keeps it from idle collection.</summary>
    public bool KeepAlive { get; init; }
}
