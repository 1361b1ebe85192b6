namespace Grainflow.Silo.Hosting;

/// <summary>
/// The host's silo settings, bound from the "Grainflow:Silo" configuration section and the command line, and
/// applied to Orleans' own options (<see cref="SiloOptionsMapping"/>): the call timeout to
/// <c>SiloMessagingOptions.ResponseTimeout</c>, collection to <c>GrainCollectionOptions</c>, the shutdown bound to the
/// host's <c>HostOptions.ShutdownTimeout</c>, failure detection to <c>ClusterMembershipOptions</c>.
/// </summary>
/// <remarks>
/// Failure detection is tuned for streaming: a stream job stands still from a silo's death until the silo is declared
/// dead and the job rolls back, so Orleans' defaults (a 5 s probe timeout and 3 missed probes, 10-15 s to declare a
/// <c>kill -9</c>ed silo dead) give way to a 1 s probe timeout and 2 missed probes, about 1 s on loopback. The price is
/// a silo stalled longer than that (a long GC pause, a starved machine) being declared dead and leaving the cluster;
/// Orleans lengthens its probe timeout while the prober itself is degraded, and suppresses votes against a silo whose
/// connection still carries messages.
/// </remarks>
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

    /// <summary>
    /// How long a liveness probe of another silo may take before it counts as missed (<c>ClusterMembershipOptions.ProbeTimeout</c>).
    /// Default 1 s (Orleans' own: 5 s).
    /// </summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Missed probes in a row after which a silo votes another one dead (<c>ClusterMembershipOptions.NumMissedProbesLimit</c>).
    /// Default 2 (Orleans' own: 3).
    /// </summary>
    public int NumMissedProbesLimit { get; set; } = 2;

    /// <summary>
    /// Votes that declare a silo dead (<c>ClusterMembershipOptions.NumVotesForDeathDeclaration</c>), at most 10 (the silos
    /// each silo probes). Default 2; Orleans asks for no more than half the active silos, rounded up, so one vote declares
    /// the other silo of a two-silo cluster dead.
    /// </summary>
    public int NumVotesForDeathDeclaration { get; set; } = 2;

    /// <summary>
    /// How often each silo reads the whole membership table (<c>ClusterMembershipOptions.TableRefreshTimeout</c>). Changes
    /// reach the other silos by gossip at once; this bounds how long one that missed the gossip stays unaware. Default
    /// 10 s (Orleans' own: 60 s).
    /// </summary>
    public TimeSpan TableRefreshTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
