using Grainflow.Timers;

namespace Grainflow;

/// <summary>
/// What a grain sees of its activation. Implemented by the runtime; every member must be called from the
/// grain's own turns (it is not thread-safe with respect to other threads).
/// </summary>
public interface IGrainContext
{
    /// <summary>The identity of the grain this activation hosts.</summary>
    GrainId GrainId { get; }

    /// <summary>A factory for references to other grains (and to this one).</summary>
    IGrainFactory GrainFactory { get; }

    /// <summary>The silo's service provider.</summary>
    IServiceProvider Services { get; }

    /// <summary>The silo's clock; grains use it instead of <see cref="DateTimeOffset.UtcNow"/> so tests can fake time.</summary>
    TimeProvider TimeProvider { get; }

    /// <summary>Deactivates the activation once its current request (if any) completes.</summary>
    void Deactivate(DeactivationReason reason);

    /// <summary>Keeps the activation from idle collection for at least <paramref name="timeSpan"/>.</summary>
    void DelayDeactivation(TimeSpan timeSpan);

    /// <summary>Registers a timer whose callbacks run as turns of this activation.</summary>
    IGrainTimer RegisterTimer(Func<CancellationToken, Task> callback, GrainTimerCreationOptions options);
}
