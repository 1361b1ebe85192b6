using Grainflow.Invocation;
using Grainflow.Runtime.Timers;

namespace Grainflow.Runtime.Activations;

/// <summary>Running requests (calls and timer ticks) and ending them when their tasks complete.</summary>
internal sealed partial class Activation
{
    private void RunCall(GrainCall call)
    {
        if (!call.TryStart())
        {
            // The caller already got a TimeoutException; the call must not run after that.
            EndRequest(touch: false);
            return;
        }

        var task = InvokeGuarded(call);
        if (task.IsCompleted)
        {
            call.Complete(task);
            EndRequest(touch: true);
        }
        else
        {
            CompleteWhenDone(task, call);
        }
    }

    private void RunTimerTick(GrainTimer timer)
    {
        Task task;
        try
        {
            task = timer.RunCallback();
        }
        catch (Exception exception)
        {
            task = Task.FromException(exception);
        }

        if (task.IsCompleted)
        {
            EndTick(timer, task);
        }
        else
        {
            task.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(() => EndTick(timer, task));
        }
    }

    private Task InvokeGuarded(GrainCall call)
    {
        try
        {
            return call.Invoke(_grain!);
        }
        catch (Exception exception)
        {
            return Task.FromException(exception);
        }
    }

    /// <summary>Ends the request when <paramref name="task"/> completes, wherever that happens.</summary>
    private void CompleteWhenDone(Task task, GrainCall call) =>
        task.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(() =>
        {
            call.Complete(task);
            EndRequest(touch: true);
        });

    private void EndTick(GrainTimer timer, Task task)
    {
        if (task.Exception is { } exception)
        {
            _silo.Log.TimerCallbackFailed(exception.InnerException ?? exception, GrainId);
        }

        // Armed before the request ends, so that an activation with nothing in progress has its next tick armed.
        timer.ScheduleNext();
        EndRequest(touch: timer.KeepAlive);
    }

    private void EndRequest(bool touch)
    {
        lock (_lock)
        {
            _requestsInProgress--;
            if (touch)
            {
                Touch();
            }

            ScheduleIfRunnable();
        }
    }
}
