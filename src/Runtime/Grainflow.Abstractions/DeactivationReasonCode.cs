namespace Grainflow;

/// <summary>Why an activation is being deactivated.</summary>
public enum DeactivationReasonCode
{
    /// <summary>The grain asked for it (<see cref="Grain.DeactivateOnIdle"/>).</summary>
    ApplicationRequested,

    /// <summary>The activation was idle for longer than the collection age.</summary>
    IdleTimeout,

    /// <summary>The silo is shutting down.</summary>
    ShuttingDown,
}
