using Grainflow.Invocation;

namespace Grainflow.Runtime.Activations;

/// <summary>Delivers calls to activations, creating them on the first call and re-routing around deactivated ones.</summary>
internal sealed class GrainCallRouter(SiloRuntime silo) : IGrainCallRouter
{
    private readonly Func<GrainId, Activation> _createActivation = grainId =>
        new Activation(silo, grainId, silo.Registry.ForGrainType(grainId.Type));

    public void Send(GrainReference reference, GrainCall call)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(call);
        call.StartTimeout(silo.TimeProvider, silo.Options.CallTimeout, reference.GrainId);
        if (Deliver(reference.GrainId, call) is { } activation)
        {
            reference.CachedTarget = activation;
        }
    }

    /// <summary>Queues <paramref name="call"/> at the grain's activation; returns it, or null when the call failed.</summary>
    public Activation? Deliver(GrainId grainId, GrainCall call)
    {
        while (true)
        {
            Activation activation;
            if (silo.IsStopping)
            {
                if (!silo.Directory.TryGet(grainId, out var existing) || existing is null)
                {
                    call.Fail(new SiloUnavailableException($"The silo is shutting down; grain {grainId} cannot be activated."));
                    return null;
                }

                activation = existing;
            }
            else
            {
                activation = silo.Directory.GetOrActivate(grainId, _createActivation);
            }

            if (activation.TryEnqueue(call))
            {
                return activation;
            }

            // It left the directory between the lookup and the enqueue; make sure it is gone and look again.
            silo.Directory.Remove(activation);
        }
    }
}
