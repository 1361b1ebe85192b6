namespace Grainflow.Invocation;

/// <summary>
/// A call that could not complete on the fast path: it waits in an activation's queue, or its grain method
/// returned a task that had not completed yet. The caller awaits <see cref="Task"/>; the runtime runs
/// <see cref="Invoke"/> inside a turn and hands the grain method's task to <see cref="Complete"/>.
/// </summary>
/// <remarks>
/// The caller's task completes with <see cref="TaskCreationOptions.RunContinuationsAsynchronously"/>, so the
/// caller's code never runs inside the turn of the activation that completed it.
/// </remarks>
public abstract class GrainCall
{
    private const int Queued = 0;
    private const int Started = 1;
    private const int Expired = 2;

    private int _state;
    private ITimer? _timeout;

    /// <summary>Creates a call of <paramref name="method"/>.</summary>
    protected GrainCall(GrainMethod method, bool started)
    {
        Method = method;
        _state = started ? Started : Queued;
    }

    /// <summary>The method called.</summary>
    public GrainMethod Method { get; }

    /// <summary>The task the caller awaits.</summary>
    public Task Task => CallerTask;

    private protected abstract Task CallerTask { get; }

    /// <summary>Runs the grain method on <paramref name="grain"/>; only the runtime calls it, inside a turn.</summary>
    public abstract Task Invoke(object grain);

    /// <summary>Claims the call for execution; false when it already expired (its caller got a timeout).</summary>
    public bool TryStart() => Interlocked.CompareExchange(ref _state, Started, Queued) == Queued;

    /// <summary>Completes the caller's task with the outcome of the grain method's completed task.</summary>
    public void Complete(Task grainTask)
    {
        ArgumentNullException.ThrowIfNull(grainTask);
        _timeout?.Dispose();
        if (grainTask.IsCanceled)
        {
            SetCanceled();
        }
        else if (grainTask.Exception is { } aggregate)
        {
            SetException(aggregate.InnerExceptions.Count == 1 ? aggregate.InnerExceptions[0] : aggregate);
        }
        else
        {
            SetResult(grainTask);
        }
    }

    /// <summary>Fails the caller's task; used when the call cannot be delivered.</summary>
    public void Fail(Exception exception)
    {
        _timeout?.Dispose();
        SetException(exception);
    }

    /// <summary>
    /// Fails the call with a <see cref="TimeoutException"/> unless it completes within <paramref name="timeout"/>.
    /// A call that has not started by then is dropped; one that has started keeps running, but its caller stops waiting.
    /// </summary>
    public void StartTimeout(TimeProvider timeProvider, TimeSpan timeout, GrainId target)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (timeout == Timeout.InfiniteTimeSpan || Task.IsCompleted)
        {
            return;
        }

        var state = new TimeoutState(this, timeout, target);
        _timeout = timeProvider.CreateTimer(static s => ((TimeoutState)s!).Fire(), state, timeout, Timeout.InfiniteTimeSpan);
        if (Task.IsCompleted)
        {
            _timeout.Dispose();
        }
    }

    /// <summary>Completes the caller's task successfully from the completed grain task.</summary>
    protected abstract void SetResult(Task grainTask);

    /// <summary>Faults the caller's task.</summary>
    protected abstract void SetException(Exception exception);

    /// <summary>Cancels the caller's task.</summary>
    protected abstract void SetCanceled();

    private sealed class TimeoutState(GrainCall call, TimeSpan timeout, GrainId target)
    {
        public void Fire()
        {
            var neverStarted = Interlocked.CompareExchange(ref call._state, Expired, Queued) == Queued;
            var detail = neverStarted ? "it was still queued behind other requests" : "it was still running";
            call.SetException(new TimeoutException(
                $"Call to {call.Method} on grain {target} did not complete within {timeout.TotalSeconds:0.###} s ({detail}). " +
                "A call that waits on a grain which is waiting on the caller (a call cycle) ends this way; mark the grain [Reentrant] " +
                "or the method [AlwaysInterleave] if the cycle is intended, or raise SiloOptions.CallTimeout for slow calls."));
        }
    }
}
