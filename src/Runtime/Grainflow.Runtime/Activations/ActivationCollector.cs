namespace Grainflow.Runtime.Activations;

/// <summary>
/// Deactivates idle activations. Time is counted in quanta (ticks of one timer), so marking an activation as
/// used is a plain field write rather than a clock read; an activation is collected between CollectionAge and
/// CollectionAge + CollectionQuantum after its last use.
/// </summary>
internal sealed class ActivationCollector(SiloRuntime silo) : IDisposable
{
    private static readonly DeactivationReason s_idle = new(DeactivationReasonCode.IdleTimeout, "Idle for longer than the collection age.");
    private long _tick;
    private ITimer? _timer;

    public long CurrentTick => Volatile.Read(ref _tick);

    /// <summary>The number of whole quanta that cover <paramref name="timeSpan"/>.</summary>
    public long TicksCovering(TimeSpan timeSpan) =>
        (long)Math.Ceiling(timeSpan.Ticks / (double)silo.Options.CollectionQuantum.Ticks);

    public void Start()
    {
        var quantum = silo.Options.CollectionQuantum;
        _timer = silo.TimeProvider.CreateTimer(static s => ((ActivationCollector)s!).Collect(), this, quantum, quantum);
    }

    public void Dispose() => _timer?.Dispose();

    private void Collect()
    {
        var tick = Interlocked.Increment(ref _tick);
        var age = TicksCovering(silo.Options.CollectionAge);
        foreach (var activation in silo.Directory.All)
        {
            if (activation.IsIdleLongerThan(tick, age))
            {
                activation.Deactivate(s_idle);
            }
        }
    }
}
