namespace Grainflow.Silo.Hosting;

/// <summary>
/// The host's silo settings, bound from the "Grainflow:Silo" configuration section and the command line, and
/// applied to Orleans' own options (<see cref="SiloOptionsMapping"/>): the call timeout to
/// <c>SiloMessagingOptions.ResponseTimeout</c>, collection to <c>GrainCollectionOptions</c>, the shutdown bound to the
/// host's <c>HostOptions.ShutdownTimeout</c>.
/// </summary>
internal sealed class SiloOptions
{
    /// <summary>How long a caller waits for a grain call before it fails with <see cref="TimeoutException"/>. Default 30 s.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an activation may stay idle (no call, no keep-alive timer tick) before it is deactivated. Default 15 min.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations are looked for; idle ages are measured in whole quanta. Default 1 min.</summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The bound on a graceful shutdown: activations still deactivating after it are abandoned (their
    /// <c>Grain.OnDeactivateAsync</c> token is cancelled at that moment). Default 20 s, below the generic
    /// host's own 30 s shutdown timeout.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(20);
}
