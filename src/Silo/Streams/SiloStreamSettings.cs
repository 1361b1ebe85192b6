using Grainflow.Streams.Log;

namespace Grainflow.Silo.Streams;

/// <summary>
/// The Grainflow log stream provider every grainflow-silo silo hosts, named <see cref="ProviderName"/>: where its
/// partitions are and how many there are. Every silo of a cluster and every producing client must agree on
/// <see cref="Partitions"/>; every silo must see the same <see cref="Directory"/> (one machine, or a shared volume).
/// </summary>
internal sealed record SiloStreamSettings
{
    /// <summary>The provider's name, as in <c>GetStreamProvider("grainflow")</c> and in addresses such as <c>grainflow/lines</c>.</summary>
    public const string ProviderName = "grainflow";

    /// <summary>The partitions' directory unless <c>--stream-log</c> says otherwise, relative to the working directory.</summary>
    public const string DefaultDirectory = "streams";

    /// <summary>The provider's defaults: <see cref="DefaultDirectory"/> and <see cref="GrainflowLogStreamOptions.DefaultPartitions"/> partitions.</summary>
    public static SiloStreamSettings Default { get; } = new();

    /// <summary>The directory of the partitions (a segment log) and the delivery marks.</summary>
    public string Directory { get; init; } = DefaultDirectory;

    /// <summary>The number of partitions, fixed for the life of <see cref="Directory"/>.</summary>
    public int Partitions { get; init; } = GrainflowLogStreamOptions.DefaultPartitions;

    /// <summary>The full path of <see cref="Directory"/>, for messages.</summary>
    public string FullDirectory => Path.GetFullPath(Directory);
}
