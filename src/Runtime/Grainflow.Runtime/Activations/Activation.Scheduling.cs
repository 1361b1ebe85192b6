using System.Diagnostics;
using Grainflow.Invocation;
using Grainflow.Runtime.Timers;

namespace Grainflow.Runtime.Activations;

/// <summary>The activation's queues and the pump that runs them on the thread pool, one item at a time.</summary>
internal sealed partial class Activation : IThreadPoolWorkItem
{
    // Bounds how long one activation holds a pool thread before letting other work run.
    private const int MaxItemsPerSlice = 64;

    /// <summary>Queues a call; false when the activation has left the directory (the caller re-routes).</summary>
    public bool TryEnqueue(GrainCall call) => TryEnqueueRequest(call, _grainClass.IsReentrant || call.Method.AlwaysInterleave);

    /// <summary>Queues a timer tick; false when the activation has left the directory.</summary>
    public bool TryEnqueueTick(GrainTimer timer, bool interleave) => TryEnqueueRequest(timer, _grainClass.IsReentrant || interleave);

    public void EnqueueContinuation(SendOrPostCallback callback, object? state)
    {
        lock (_lock)
        {
            (_continuations ??= new Queue<WorkItem>()).Enqueue(new WorkItem(WorkKind.Continuation, callback, state));
            ScheduleIfRunnable();
        }
    }

    /// <summary>Starts the activation: its first work item constructs the grain.</summary>
    public void Start()
    {
        lock (_lock)
        {
            ScheduleIfRunnable();
        }
    }

    void IThreadPoolWorkItem.Execute()
    {
        var callerContext = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(_context);
        RuntimeContext.Current = this;
        try
        {
            for (var i = 0; i < MaxItemsPerSlice; i++)
            {
                WorkItem work;
                lock (_lock)
                {
                    if (!TryTakeWork(out work))
                    {
                        _running = false;
                        return;
                    }
                }

                Run(work);
            }

            // Still holding the activation (_running stays true): continue on a fresh pool work item.
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
        finally
        {
            RuntimeContext.Current = null;
            SynchronizationContext.SetSynchronizationContext(callerContext);
        }
    }

    private bool TryEnqueueRequest(object request, bool interleave)
    {
        lock (_lock)
        {
            if (_state == ActivationState.Invalid)
            {
                return false;
            }

            var queue = interleave ? (_interleavable ??= new Queue<object>()) : (_exclusive ??= new Queue<object>());
            queue.Enqueue(request);
            ScheduleIfRunnable();
            return true;
        }
    }

    private void ScheduleIfRunnable()
    {
        Debug.Assert(_lock.IsHeldByCurrentThread);
        if (!_running && HasRunnableWork())
        {
            _running = true;
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    private bool HasRunnableWork()
    {
        if (_continuations is { Count: > 0 })
        {
            return true;
        }

        if (_lifecycleRunning)
        {
            return false;
        }

        return _state switch
        {
            ActivationState.Activating => !_activationStarted,
            ActivationState.Valid when _deactivationReason is not null => _requestsInProgress == 0,
            ActivationState.Valid => _interleavable is { Count: > 0 } || (_requestsInProgress == 0 && _exclusive is { Count: > 0 }),
            _ => false,
        };
    }

    private bool TryTakeWork(out WorkItem work)
    {
        Debug.Assert(_lock.IsHeldByCurrentThread);
        work = default;
        if (_continuations is { Count: > 0 })
        {
            work = _continuations.Dequeue();
            return true;
        }

        if (_lifecycleRunning)
        {
            return false;
        }

        if (_state == ActivationState.Activating && !_activationStarted)
        {
            _activationStarted = _lifecycleRunning = true;
            work = new WorkItem(WorkKind.Activate, null, null);
            return true;
        }

        if (_state != ActivationState.Valid)
        {
            return false;
        }

        if (_deactivationReason is { } reason)
        {
            if (_requestsInProgress != 0)
            {
                return false;
            }

            _state = ActivationState.Deactivating;
            _lifecycleRunning = true;
            work = new WorkItem(WorkKind.Deactivate, null, reason);
            return true;
        }

        var queue = _interleavable is { Count: > 0 } ? _interleavable
            : _requestsInProgress == 0 && _exclusive is { Count: > 0 } ? _exclusive
            : null;
        if (queue is null)
        {
            return false;
        }

        var request = queue.Dequeue();
        _requestsInProgress++;
        work = request is GrainCall call
            ? new WorkItem(WorkKind.Call, call, null)
            : new WorkItem(WorkKind.TimerTick, request, null);
        return true;
    }

    private void Run(in WorkItem work)
    {
        switch (work.Kind)
        {
            case WorkKind.Continuation:
                RunContinuation((SendOrPostCallback)work.Target!, work.State);
                break;
            case WorkKind.Call:
                RunCall((GrainCall)work.Target!);
                break;
            case WorkKind.TimerTick:
                RunTimerTick((GrainTimer)work.Target!);
                break;
            case WorkKind.Activate:
                _ = RunActivationAsync();
                break;
            case WorkKind.Deactivate:
                _ = RunDeactivationAsync((DeactivationReason)work.State!);
                break;
        }
    }

    private void RunContinuation(SendOrPostCallback callback, object? state)
    {
        try
        {
            callback(state);
        }
        catch (Exception exception)
        {
            // Await continuations capture their own exceptions; anything here came from a raw Post.
            _silo.Log.ContinuationFailed(exception, GrainId);
        }
    }
}
