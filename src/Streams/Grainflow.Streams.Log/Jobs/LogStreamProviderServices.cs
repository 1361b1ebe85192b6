using Grainflow.Streams.Log.Providers;
using Grainflow.Streams.Log.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Grainflow.Streams.Log.Jobs;

/// <summary>
/// What a job's source or sink needs of a log stream provider hosted by this silo: its files, the serializer of its
/// records, the grains that write its partitions and its mapping of streams to partitions.
/// </summary>
internal sealed class LogStreamProviderServices
{
    private LogStreamProviderServices(LogStreamStore store, Serializer<LogStreamPayload> serializer, IGrainFactory grains)
    {
        Store = store;
        Serializer = serializer;
        Grains = grains;
        Mapper = LogQueueAdapterFactory.CreateMapper(store.ProviderName, store.Options);
    }

    public LogStreamStore Store { get; }

    public string ProviderName => Store.ProviderName;

    public Serializer<LogStreamPayload> Serializer { get; }

    public IGrainFactory Grains { get; }

    public IStreamQueueMapper Mapper { get; }

    /// <summary>Finds the provider <paramref name="providerName"/> among the silo's services.</summary>
    /// <exception cref="ArgumentException">This silo hosts no log stream provider of that name.</exception>
    public static LogStreamProviderServices Resolve(IServiceProvider services, string providerName)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(providerName);
        var store = services.GetKeyedService<LogStreamStore>(providerName) ?? throw new ArgumentException(
            $"This silo has no Grainflow log stream provider named '{providerName}': register it on every silo with "
            + $"siloBuilder.AddGrainflowLogStreams(\"{providerName}\", ...).",
            nameof(providerName));
        return new LogStreamProviderServices(store, services.GetRequiredService<Serializer<LogStreamPayload>>(), services.GetRequiredService<IGrainFactory>());
    }

    /// <summary>The partition that holds <paramref name="streamId"/>'s events.</summary>
    public int PartitionOf(StreamId streamId) => checked((int)Mapper.GetQueueForStream(streamId).GetNumericId());
}
