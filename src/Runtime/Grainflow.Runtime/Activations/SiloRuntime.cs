using Grainflow.Runtime.Configuration;

namespace Grainflow.Runtime.Activations;

/// <summary>What every activation of a silo shares. Built once per silo; immutable after construction.</summary>
internal sealed class SiloRuntime : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();

    public SiloRuntime(SiloOptions options, GrainClassRegistry registry, IServiceProvider services, TimeProvider timeProvider, SiloLog log)
    {
        Options = options;
        Registry = registry;
        Services = services;
        TimeProvider = timeProvider;
        Log = log;
        Directory = new ActivationDirectory();
        Collector = new ActivationCollector(this);
        Router = new GrainCallRouter(this);
        GrainFactory = new GrainFactory(registry, Router);
    }

    public SiloOptions Options { get; }

    public GrainClassRegistry Registry { get; }

    public IServiceProvider Services { get; }

    public TimeProvider TimeProvider { get; }

    public SiloLog Log { get; }

    public ActivationDirectory Directory { get; }

    public ActivationCollector Collector { get; }

    public GrainCallRouter Router { get; }

    public GrainFactory GrainFactory { get; }

    /// <summary>Cancelled when a shutdown reaches its bound; passed to OnActivateAsync and OnDeactivateAsync.</summary>
    public CancellationToken StoppingToken => _stopping.Token;

    /// <summary>Set once shutdown begins: no new activations are created after it.</summary>
    public bool IsStopping { get; private set; }

    public void BeginStopping() => IsStopping = true;

    public void AbandonStopping() => _stopping.Cancel();

    public void Dispose()
    {
        Collector.Dispose();
        _stopping.Dispose();
    }
}
