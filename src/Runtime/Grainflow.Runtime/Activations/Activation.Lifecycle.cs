using Grainflow.Invocation;

namespace Grainflow.Runtime.Activations;

/// <summary>Activation and deactivation, each run as turns of the activation with nothing else in progress.</summary>
internal sealed partial class Activation
{
    private async Task RunActivationAsync()
    {
        try
        {
            var grain = (Grain)ActivationConstruction.Construct(
                this, () => (Grain)_grainClass.Factory(_silo.Services, arguments: null));
            _grain = grain;
            await grain.OnActivateAsync(_silo.StoppingToken);
        }
        catch (Exception exception)
        {
            _silo.Log.ActivationFailed(exception, GrainId);
            Invalidate(out var queued);
            foreach (var request in queued)
            {
                (request as GrainCall)?.Fail(exception);
            }

            return;
        }

        lock (_lock)
        {
            _state = ActivationState.Valid;
            _lifecycleRunning = false;
            Touch();
            ScheduleIfRunnable();
        }
    }

    private async Task RunDeactivationAsync(DeactivationReason reason)
    {
        DisposeTimers();
        try
        {
            await ((Grain)_grain!).OnDeactivateAsync(reason, _silo.StoppingToken);
        }
        catch (Exception exception)
        {
            _silo.Log.DeactivationFailed(exception, GrainId, reason.Code);
        }

        await DisposeGrainAsync();
        Invalidate(out var queued);
        foreach (var request in queued)
        {
            // Calls that arrived while this activation was deactivating go to a new one; timer ticks die with it.
            if (request is GrainCall call)
            {
                _silo.Router.Deliver(GrainId, call);
            }
        }
    }

    /// <summary>Leaves the directory for good and hands back whatever requests were still queued.</summary>
    private void Invalidate(out List<object> queued)
    {
        queued = [];
        TaskCompletionSource? deactivated;
        lock (_lock)
        {
            _state = ActivationState.Invalid;
            _lifecycleRunning = false;
            Drain(_exclusive, queued);
            Drain(_interleavable, queued);
            deactivated = _deactivated;
            ScheduleIfRunnable();
        }

        _silo.Directory.Remove(this);
        deactivated?.TrySetResult();
    }

    private async Task DisposeGrainAsync()
    {
        try
        {
            switch (_grain)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
        catch (Exception exception)
        {
            _silo.Log.DeactivationFailed(exception, GrainId, DeactivationReasonCode.ApplicationRequested);
        }
    }

    private void DisposeTimers()
    {
        List<Timers.GrainTimer>? timers;
        lock (_lock)
        {
            timers = _timers;
            _timers = null;
        }

        timers?.ForEach(timer => timer.Dispose());
    }

    private static void Drain(Queue<object>? queue, List<object> into)
    {
        while (queue is { Count: > 0 })
        {
            into.Add(queue.Dequeue());
        }
    }
}
