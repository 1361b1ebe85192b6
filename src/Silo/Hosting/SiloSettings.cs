using Grainflow.Silo.Cluster;
using Grainflow.Silo.Control;
using Grainflow.Silo.Streams;
using Microsoft.Extensions.Logging;

namespace Grainflow.Silo.Hosting;

/// <summary>
/// What the command line says about the silo. A null setting was not given and keeps the value from the
/// "Grainflow:Silo" configuration section, or the <see cref="SiloOptions"/> default.
/// </summary>
internal sealed record SiloSettings
{
    public TimeSpan? CallTimeout { get; init; }

    public TimeSpan? CollectionAge { get; init; }

    public TimeSpan? CollectionQuantum { get; init; }

    public TimeSpan? ShutdownTimeout { get; init; }

    /// <summary>The cluster the silo joins; by default a one-silo localhost cluster on free ports.</summary>
    public ClusterSettings Cluster { get; init; } = ClusterSettings.OneSiloOnFreePorts;

    /// <summary>The log stream provider's partitions: by default <c>./streams</c>, 8 partitions.</summary>
    public SiloStreamSettings Streams { get; init; } = SiloStreamSettings.Default;

    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary>Where the control API listens and its token (never printed).</summary>
    public ControlApiSettings Control { get; init; } = ControlApiSettings.Default;

    public void ApplyTo(SiloOptions options)
    {
        options.CallTimeout = CallTimeout ?? options.CallTimeout;
        options.CollectionAge = CollectionAge ?? options.CollectionAge;
        options.CollectionQuantum = CollectionQuantum ?? options.CollectionQuantum;
        options.ShutdownTimeout = ShutdownTimeout ?? options.ShutdownTimeout;
    }
}
