namespace Grainflow.Benchmarks.StreamProviders;

/// <summary>One configuration of the append probes: which provider, from where, how many producers, how many events per call.</summary>
internal sealed record AppendConfiguration(string Provider, AppendOrigin Origin, int Producers, int EventsPerCall)
{
    /// <summary>Every configuration measured: group commit and memory streams in full; per-append sync with one event per call.</summary>
    public static IReadOnlyList<AppendConfiguration> All { get; } =
    [
        .. from provider in new[] { BenchProviders.GroupCommit, BenchProviders.PerAppend, BenchProviders.Memory }
           from origin in new[] { AppendOrigin.Client, AppendOrigin.Grain }
           from producers in StreamsOptions.ProducerCounts
           from eventsPerCall in new[] { 1, StreamsOptions.EventsPerBatch }
           where provider != BenchProviders.PerAppend || eventsPerCall == 1
           select new AppendConfiguration(provider, origin, producers, eventsPerCall),
    ];

    /// <summary>Whether the provider is a Grainflow log (durable, read back afterwards) rather than memory streams.</summary>
    public bool IsGrainflow => Provider != BenchProviders.Memory;

    public string ProviderLabel => Provider switch
    {
        BenchProviders.GroupCommit => "Grainflow group commit",
        BenchProviders.PerAppend => "Grainflow per-append sync",
        _ => "memory streams",
    };

    /// <summary>The configuration without its provider, to pair the providers' figures.</summary>
    public string Shape =>
        $"{(Origin == AppendOrigin.Client ? "client" : "grain")}, {Producers} producer{(Producers == 1 ? "" : "s")}, " +
        $"{(EventsPerCall == 1 ? "OnNextAsync" : $"OnNextBatchAsync of {EventsPerCall}")}";

    /// <summary>The key of producer <paramref name="producer"/>'s stream in round <paramref name="round"/>.</summary>
    public string StreamKey(int round, int producer) =>
        $"{Provider}-{Origin}-{Producers}x{EventsPerCall}-r{round}-p{producer}";

    /// <summary>The key of producer <paramref name="producer"/>'s grain: the same in every round, so that only the warm-up activates it.</summary>
    public string ProducerGrainKey(int producer) => $"{Provider}-{Producers}x{EventsPerCall}-p{producer}";

    public override string ToString() => $"{ProviderLabel}, {Shape}";
}
