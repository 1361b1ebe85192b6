using System.Diagnostics;
using Grainflow.Runtime.Timers;
using Grainflow.Timers;

namespace Grainflow.Runtime.Activations;

/// <summary>
/// One grain in memory: its instance, its queues, and the turn discipline. At most one thread runs an
/// activation's work at a time (<see cref="_running"/>); a non-reentrant grain has at most one request in
/// progress (<see cref="_requestsInProgress"/>), and between requests the activation may be entered inline by
/// a caller (the fast path) or pumped on the thread pool.
/// </summary>
/// <remarks>
/// Every field below the lock is guarded by it. Queues are created on first use so that an idle activation
/// costs little memory.
/// </remarks>
internal sealed partial class Activation : IGrainContext
{
    private readonly SiloRuntime _silo;
    private readonly GrainClassInfo _grainClass;
    private readonly ActivationSynchronizationContext _context;
    private readonly Lock _lock = new();

    private Queue<WorkItem>? _continuations;
    private Queue<object>? _interleavable;
    private Queue<object>? _exclusive;
    private List<GrainTimer>? _timers;
    private TaskCompletionSource? _deactivated;
    private object? _grain;
    private ActivationState _state;
    private bool _running;
    private bool _lifecycleRunning;
    private bool _activationStarted;
    private int _requestsInProgress;
    private DeactivationReason? _deactivationReason;
    private long _lastUsedTick;
    private long _keepAliveUntilTick;

    public Activation(SiloRuntime silo, GrainId grainId, GrainClassInfo grainClass)
    {
        _silo = silo;
        _grainClass = grainClass;
        GrainId = grainId;
        _context = new ActivationSynchronizationContext(this);
        _lastUsedTick = silo.Collector.CurrentTick;
    }

    public GrainId GrainId { get; }

    public IGrainFactory GrainFactory => _silo.GrainFactory;

    public IServiceProvider Services => _silo.Services;

    public TimeProvider TimeProvider => _silo.TimeProvider;

    /// <summary>The grain instance, once constructed.</summary>
    public object? Grain => _grain;

    internal ActivationState State
    {
        get
        {
            lock (_lock)
            {
                return _state;
            }
        }
    }

    public void Deactivate(DeactivationReason reason) => _ = DeactivateAsync(reason);

    /// <summary>
    /// Deactivates once no request is in progress; requests still queued then go to a new activation.
    /// The task completes when the activation has left the directory.
    /// </summary>
    public Task DeactivateAsync(DeactivationReason reason)
    {
        lock (_lock)
        {
            _deactivated ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_state == ActivationState.Invalid)
            {
                _deactivated.TrySetResult();
            }
            else
            {
                _deactivationReason ??= reason;
                ScheduleIfRunnable();
            }

            return _deactivated.Task;
        }
    }

    public void DelayDeactivation(TimeSpan timeSpan)
    {
        var ticks = _silo.Collector.TicksCovering(timeSpan);
        lock (_lock)
        {
            _keepAliveUntilTick = Math.Max(_keepAliveUntilTick, _silo.Collector.CurrentTick + ticks);
        }
    }

    public IGrainTimer RegisterTimer(Func<CancellationToken, Task> callback, GrainTimerCreationOptions options)
    {
        ArgumentNullException.ThrowIfNull(callback);
        ArgumentNullException.ThrowIfNull(options);
        var timer = new GrainTimer(this, callback, options, _silo.TimeProvider);
        lock (_lock)
        {
            if (_state is ActivationState.Deactivating or ActivationState.Invalid)
            {
                throw new InvalidOperationException($"Grain {GrainId} is deactivating; it cannot register timers.");
            }

            (_timers ??= []).Add(timer);
        }

        timer.Start();
        return timer;
    }

    /// <summary>Whether the collector may deactivate this activation at <paramref name="currentTick"/>.</summary>
    public bool IsIdleLongerThan(long currentTick, long ageInTicks)
    {
        lock (_lock)
        {
            return _state == ActivationState.Valid
                && !_running
                && _requestsInProgress == 0
                && _deactivationReason is null
                && currentTick - _lastUsedTick > ageInTicks
                && currentTick >= _keepAliveUntilTick;
        }
    }

    /// <summary>Whether nothing runs or waits in this activation (for tests that must not race the pump).</summary>
    internal bool IsQuiescent
    {
        get
        {
            lock (_lock)
            {
                return !_running && _requestsInProgress == 0;
            }
        }
    }

    internal void RemoveTimer(GrainTimer timer)
    {
        lock (_lock)
        {
            _timers?.Remove(timer);
        }
    }

    /// <summary>Marks the activation as used now (called for requests and keep-alive timer ticks).</summary>
    private void Touch()
    {
        Debug.Assert(_lock.IsHeldByCurrentThread);
        _lastUsedTick = _silo.Collector.CurrentTick;
    }

    public override string ToString() => $"[Activation {GrainId} {_state}]";
}
