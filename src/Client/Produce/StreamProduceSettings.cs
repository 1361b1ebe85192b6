namespace Grainflow.Client.Produce;

/// <summary>What <c>grainflow produce --stream</c> appends, through which cluster, as which producer, and how fast.</summary>
internal sealed record StreamProduceSettings
{
    public const string DefaultClusterId = "grainflow";
    public const string DefaultProducerId = "produce";
    public const int DefaultLinesPerAppend = 100;
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan DefaultRetryFor = TimeSpan.FromSeconds(60);

    /// <summary>The stream provider's name, as the silos register it.</summary>
    public required string Provider { get; init; }

    /// <summary>The stream namespace the lines go to.</summary>
    public required string Namespace { get; init; }

    /// <summary>How the client finds the cluster: a gateway endpoint, or Azure Table membership.</summary>
    public required ProducerClusterSettings Cluster { get; init; }

    /// <summary>
    /// The producer's id: also the key of the stream written (<c>StreamId(namespace, producer id)</c>), so one producer's
    /// lines keep their order in one partition. A re-run with the same id resumes: what the partition holds is skipped.
    /// </summary>
    public string ProducerId { get; init; } = DefaultProducerId;

    /// <summary>The provider's partition count; must equal the silos' (it maps streams to partitions).</summary>
    public int Partitions { get; init; } = Streams.Log.GrainflowLogStreamOptions.DefaultPartitions;

    /// <summary>
    /// Lines per append: append <c>k</c> holds lines <c>k*n .. k*n+n-1</c> and carries sequence number <c>k</c>, so a
    /// re-run must use the same value (and the same input) to line up with what was stored.
    /// </summary>
    public int LinesPerAppend { get; init; } = DefaultLinesPerAppend;

    /// <summary>Lines per second.</summary>
    public double Rate { get; init; } = ProduceSettings.DefaultRate;

    /// <summary>How many lines; null for the text file once, or without a file until interrupted.</summary>
    public long? Count { get; init; }

    /// <summary>The file whose lines are produced; null for generated words.</summary>
    public string? TextFile { get; init; }

    /// <summary>The seed of the generated words.</summary>
    public int Seed { get; init; } = ProduceSettings.DefaultSeed;

    /// <summary>How long the first connection may take before the gateway counts as unreachable.</summary>
    public TimeSpan ConnectTimeout { get; init; } = DefaultConnectTimeout;

    /// <summary>How long a failing append is retried (reconnecting as needed) before produce gives up.</summary>
    public TimeSpan RetryFor { get; init; } = DefaultRetryFor;

    /// <summary>The address, <c>&lt;provider&gt;/&lt;namespace&gt;</c>.</summary>
    public string Address => Provider + "/" + Namespace;
}
