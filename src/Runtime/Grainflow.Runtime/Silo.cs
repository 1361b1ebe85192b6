using Grainflow.Runtime.Activations;
using Grainflow.Runtime.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grainflow.Runtime;

/// <summary>
/// A silo: the process-local host of grain activations. Start it before the first call; stop it to
/// deactivate every activation gracefully within <see cref="SiloOptions.ShutdownTimeout"/>.
/// </summary>
public sealed class Silo : IAsyncDisposable
{
    private readonly SiloRuntime _runtime;
    private int _stopped;

    internal Silo(IOptions<SiloOptions> options, GrainClassRegistry registry, IServiceProvider services, TimeProvider timeProvider, ILogger<Silo> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _runtime = new SiloRuntime(options.Value, registry, services, timeProvider, new SiloLog(logger));
    }

    /// <summary>The factory of grain references served by this silo.</summary>
    public IGrainFactory GrainFactory => _runtime.GrainFactory;

    /// <summary>The number of activations currently in the silo's directory.</summary>
    public int ActivationCount => _runtime.Directory.Count;

    internal SiloRuntime Runtime => _runtime;

    /// <summary>Starts idle collection. Calls may be made from then on.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        _runtime.Collector.Start();
        _runtime.Log.SiloStarted(_runtime.Registry.GrainTypeNames.Count);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Refuses new activations, then deactivates every activation (each after its request in progress, if
    /// any) and waits at most <see cref="SiloOptions.ShutdownTimeout"/>; at that bound the deactivation tokens
    /// are cancelled and the stragglers abandoned. Idempotent.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        _runtime.BeginStopping();
        _runtime.Collector.Dispose();
        var bound = _runtime.Options.ShutdownTimeout;
        var activations = _runtime.Directory.All.ToList();
        _runtime.Log.SiloStopping(activations.Count, bound);
        var reason = new DeactivationReason(DeactivationReasonCode.ShuttingDown, "The silo is shutting down.");
        var deactivations = activations.Select(a => a.DeactivateAsync(reason)).ToList();
        try
        {
            await Task.WhenAll(deactivations).WaitAsync(bound, _runtime.TimeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is TimeoutException or OperationCanceledException)
        {
            _runtime.AbandonStopping();
            _runtime.Log.ShutdownAbandoned(bound, deactivations.Count(t => !t.IsCompleted));
        }

        _runtime.Log.SiloStopped();
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _runtime.Dispose();
    }
}
