using Grainflow.Streams.Log.Providers;
using Grainflow.Streams.Log.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;

namespace Grainflow.Streams.Log.Hosting;

/// <summary>Hosts a Grainflow log stream provider in an Orleans silo.</summary>
public static class GrainflowLogStreamsSiloBuilderExtensions
{
    /// <summary>
    /// Adds the persistent stream provider <paramref name="name"/> whose queues are the durable partitions of a
    /// segment log in <see cref="GrainflowLogStreamOptions.Directory"/>, or of a blob-backed log in an Azure Blob Storage
    /// container (<see cref="GrainflowLogStreamOptions.BlobConnectionString"/> or
    /// <see cref="GrainflowLogStreamOptions.BlobServiceUri"/>). Register it on every silo of the cluster with the same
    /// options. Options are validated when the silo starts (their shape only: the store is first asked on first use).
    /// </summary>
    /// <remarks>
    /// Explicit subscriptions need Orleans' pub/sub grain storage (a storage provider named <c>PubSubStore</c>), as
    /// with every persistent stream provider. Pulling agents retry a failing consumer without a time limit (Orleans'
    /// <c>MaxEventDeliveryTime</c> is set to infinite; see <see cref="LogStreamDeliveryFailureHandler"/>);
    /// <paramref name="configureStreams"/> may change that and every other Orleans stream setting.
    /// </remarks>
    /// <param name="builder">The silo builder.</param>
    /// <param name="name">The provider name, as in <c>this.GetStreamProvider(name)</c>.</param>
    /// <param name="configure">Sets the provider's options.</param>
    /// <param name="configureStreams">Optionally configures Orleans' side: pulling agents, cache, pub/sub, balancer.</param>
    public static ISiloBuilder AddGrainflowLogStreams(
        this ISiloBuilder builder, string name, Action<GrainflowLogStreamOptions> configure,
        Action<ISiloPersistentStreamConfigurator>? configureStreams = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(configure);
        builder.AddPersistentStreams(name, LogQueueAdapterFactory.Create, streams =>
        {
            streams.Configure<GrainflowLogStreamOptions>(options => options.Configure(configure));
            streams.ConfigurePullingAgent(options => options.Configure(o => o.MaxEventDeliveryTime = Timeout.InfiniteTimeSpan));
            configureStreams?.Invoke(streams);
        });

        var services = builder.Services;
        services.AddKeyedSingleton(name, static (provider, key) =>
        {
            var name = (string)key!;
            return new LogStreamStore(name, provider.GetOptionsByName<GrainflowLogStreamOptions>(name), provider.GetRequiredService<ILoggerFactory>());
        });
        services.AddSingleton<IConfigurationValidator>(provider =>
            new GrainflowLogStreamOptionsValidator(provider.GetOptionsByName<GrainflowLogStreamOptions>(name), name, requireStorage: true));
        services.TryAddSingleton(TimeProvider.System);

        // A producer's sequence gap reaches it, on a client or another silo, as its own exception type.
        services.Configure<ExceptionSerializationOptions>(o => o.SupportedNamespacePrefixes.Add("Grainflow"));
        return builder;
    }
}
