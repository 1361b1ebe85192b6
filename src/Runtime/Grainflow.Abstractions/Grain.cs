using Grainflow.Invocation;
using Grainflow.Timers;

namespace Grainflow;

/// <summary>
/// Base class of grain implementations. The runtime creates one instance per activation (constructor
/// dependencies come from the silo's service provider), calls <see cref="OnActivateAsync"/> before the first
/// request and <see cref="OnDeactivateAsync"/> after the last, and runs every request, timer tick and await
/// continuation of the grain as a turn: never two at the same time. A grain that implements
/// <see cref="IDisposable"/> or <see cref="IAsyncDisposable"/> is disposed after <see cref="OnDeactivateAsync"/>.
/// </summary>
public abstract class Grain
{
    /// <summary>Binds the grain to the activation being constructed; the runtime sets the ambient context first.</summary>
    protected Grain()
    {
        GrainContext = ActivationConstruction.Current
            ?? throw new InvalidOperationException(
                "Grains are created by the runtime; use IGrainFactory.GetGrain<T>(key) instead of 'new'.");
    }

    /// <summary>The activation hosting this grain.</summary>
    public IGrainContext GrainContext { get; }

    /// <summary>The identity of this grain.</summary>
    public GrainId GrainId => GrainContext.GrainId;

    /// <summary>A factory for references to other grains.</summary>
    protected IGrainFactory GrainFactory => GrainContext.GrainFactory;

    /// <summary>The silo's clock.</summary>
    protected TimeProvider TimeProvider => GrainContext.TimeProvider;

    /// <summary>Called once, as the activation's first turn, before any request is delivered.</summary>
    /// <param name="cancellationToken">Cancelled when the silo stops before activation completes.</param>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Called once, as the activation's last turn; no request runs after it.</summary>
    /// <param name="reason">Why the activation is deactivated.</param>
    /// <param name="cancellationToken">Cancelled when the deactivation bound (silo shutdown timeout) is reached.</param>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Deactivates this activation once the current request completes.</summary>
    protected void DeactivateOnIdle() =>
        GrainContext.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "DeactivateOnIdle was called."));

    /// <summary>Keeps this activation from idle collection for at least <paramref name="timeSpan"/>.</summary>
    protected void DelayDeactivation(TimeSpan timeSpan) => GrainContext.DelayDeactivation(timeSpan);

    /// <summary>Registers a timer whose callbacks run as turns of this grain.</summary>
    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period) =>
        GrainContext.RegisterTimer(callback, new GrainTimerCreationOptions { DueTime = dueTime, Period = period });

    /// <summary>Registers a timer whose callbacks run as turns of this grain.</summary>
    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, GrainTimerCreationOptions options) =>
        GrainContext.RegisterTimer(callback, options);

    /// <summary>The key of a grain with a string key.</summary>
    public string GetPrimaryKeyString() => GrainId.Key;

    /// <summary>The key of a grain with an integer key.</summary>
    public long GetPrimaryKeyLong() => GrainKeys.ParseLong(GrainId);

    /// <summary>The key of a grain with a Guid key.</summary>
    public Guid GetPrimaryKey() => GrainKeys.ParseGuid(GrainId);
}
