using Grainflow.Grains.Hosting;
using Grainflow.Grains.WordCount;
using Grainflow.Streams.Log;
using Grainflow.Streams.Log.Hosting;
using Orleans.Configuration;

namespace Grainflow.Benchmarks.StreamProviders;

/// <summary>
/// The stream providers of the streams harness, all hosted by one silo and registered on its client: the Grainflow
/// log provider under both durability policies and Orleans' memory streams for the appends; a Grainflow and a memory
/// provider whose pulling agents start only when told, for delivery from a pre-filled queue; and a Grainflow provider
/// whose agents never start, read by the wordcount job alone.
/// </summary>
internal static class BenchProviders
{
    public const string GroupCommit = "grainflow";
    public const string PerAppend = "grainflow-per-append";
    public const string Memory = "memory";
    public const string GrainflowDelivery = "grainflow-delivery";
    public const string MemoryDelivery = "memory-delivery";
    public const string Lines = "grainflow-lines";

    /// <summary>The Grainflow providers' partitions, and the memory providers' queues (Orleans' default count too).</summary>
    public const int Partitions = 8;

    /// <summary>The directory of a Grainflow provider's partitions under <paramref name="root"/>.</summary>
    public static string Directory(string root, string provider) => Path.Combine(root, provider);

    public static ISiloBuilder AddTo(ISiloBuilder silo, string root) => silo
        .AddMemoryGrainStorage("PubSubStore")
        .AddMemoryGrainStorage(GrainflowOptions.JobStorageName)
        .AddGrainflowLogStreams(GroupCommit, o => Log(o, root, GroupCommit, LogDurability.GroupCommit))
        .AddGrainflowLogStreams(PerAppend, o => Log(o, root, PerAppend, LogDurability.PerAppend))
        .AddMemoryStreams(Memory, streams => streams.ConfigurePartitioning(Partitions))
        .AddGrainflowLogStreams(GrainflowDelivery, o => Log(o, root, GrainflowDelivery, LogDurability.GroupCommit), AgentsStopped)
        .AddMemoryStreams(MemoryDelivery, streams =>
        {
            streams.ConfigurePartitioning(Partitions);
            AgentsStopped(streams);
        })
        .AddGrainflowLogStreams(Lines, o => Log(o, root, Lines, LogDurability.GroupCommit), AgentsStopped)
        .AddGrainflow(grainflow => grainflow.AddJob(WordCountJob.DefinitionName, WordCountJob.Define));

    public static IClientBuilder AddTo(IClientBuilder client)
    {
        foreach (var provider in new[] { GroupCommit, PerAppend, GrainflowDelivery, Lines })
        {
            client.AddGrainflowLogStreams(provider, o => o.Partitions = Partitions);
        }

        client.AddMemoryStreams(Memory, streams => streams.ConfigurePartitioning(Partitions));
        client.AddMemoryStreams(MemoryDelivery, streams => streams.ConfigurePartitioning(Partitions));
        return client;
    }

    private static void Log(GrainflowLogStreamOptions options, string root, string provider, LogDurability durability)
    {
        options.Directory = Directory(root, provider);
        options.Partitions = Partitions;
        options.Durability = durability;
    }

    // Pulling agents read whatever is appended; these providers' agents must not run while their queues are filled.
    private static void AgentsStopped(ISiloPersistentStreamConfigurator streams) =>
        streams.ConfigureLifecycle(o => o.Configure(l => l.StartupState = StreamLifecycleOptions.RunState.AgentsStopped));
}
