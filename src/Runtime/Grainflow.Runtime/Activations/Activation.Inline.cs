using Grainflow.Invocation;

namespace Grainflow.Runtime.Activations;

/// <summary>
/// The fast path: a caller that finds the activation idle runs the grain method on its own thread, as a turn
/// of the activation, with the activation's synchronization context current so that awaits inside the grain
/// resume on the activation rather than on the caller.
/// </summary>
internal sealed partial class Activation : IGrainCallTarget
{
    // How many inline calls a thread makes between two looks at the thread pool's queue. A caller looping
    // over idle grains never yields its thread (each call completes synchronously), so now and then, when
    // queued work is waiting for a thread, a call takes the queued path instead: the caller awaits and its
    // thread goes back to the pool. Looking costs a pass over the pool's queues, hence only every 64 calls.
    private const int InlineCallsBetweenFairnessChecks = 64;

    // t_ marks a [ThreadStatic] field, as in dotnet/runtime.
#pragma warning disable IDE1006

    [ThreadStatic]

    private static int t_inlineCalls;
#pragma warning restore IDE1006

    public bool TryEnterInline(GrainMethod method, out object grain, out InlineTurn turn)
    {
        if (++t_inlineCalls % InlineCallsBetweenFairnessChecks == 0 && ThreadPool.PendingWorkItemCount > 0)
        {
            grain = null!;
            turn = default;
            return false;
        }

        lock (_lock)
        {
            var mayStart = _requestsInProgress == 0 || _grainClass.IsReentrant || method.AlwaysInterleave;
            if (_state != ActivationState.Valid
                || _running
                || !mayStart
                || _deactivationReason is not null
                || _exclusive is { Count: > 0 }
                || _interleavable is { Count: > 0 })
            {
                grain = null!;
                turn = default;
                return false;
            }

            _running = true;
            _requestsInProgress++;
        }

        turn = new InlineTurn(SynchronizationContext.Current, RuntimeContext.Current);
        SynchronizationContext.SetSynchronizationContext(_context);
        RuntimeContext.Current = this;
        grain = _grain!;
        return true;
    }

    public void ExitInline(in InlineTurn turn, Task grainTask, GrainCall? pendingCall)
    {
        SynchronizationContext.SetSynchronizationContext(turn.CallerContext);
        RuntimeContext.Current = (Activation?)turn.CallerActivation;
        lock (_lock)
        {
            _running = false;
            if (pendingCall is null)
            {
                _requestsInProgress--;
                Touch();
            }

            ScheduleIfRunnable();
        }

        if (pendingCall is not null)
        {
            pendingCall.StartTimeout(_silo.TimeProvider, _silo.Options.CallTimeout, GrainId);
            CompleteWhenDone(grainTask, pendingCall);
        }
    }
}
