using Grainflow.Streams.Log.Providers;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Grainflow.Streams.Log.Hosting;

/// <summary>Lets an Orleans client produce to a Grainflow log stream provider through a gateway.</summary>
public static class GrainflowLogStreamsClientBuilderExtensions
{
    /// <summary>
    /// Adds the provider <paramref name="name"/> to a client, which can then append with
    /// <c>client.GetStreamProvider(name).GetStream&lt;T&gt;(...).OnNextAsync(...)</c>; each append completes once the
    /// silo that owns the partition has made it durable. <see cref="GrainflowLogStreamOptions.Partitions"/> must
    /// equal the silos' (it maps streams to partitions); <see cref="GrainflowLogStreamOptions.Directory"/> and the blob settings are unused.
    /// </summary>
    public static IClientBuilder AddGrainflowLogStreams(
        this IClientBuilder builder, string name, Action<GrainflowLogStreamOptions>? configure = null,
        Action<IClusterClientPersistentStreamConfigurator>? configureStreams = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        builder.AddPersistentStreams(name, LogQueueAdapterFactory.Create, streams =>
        {
            streams.Configure<GrainflowLogStreamOptions>(options => options.Configure(o => configure?.Invoke(o)));
            configureStreams?.Invoke(streams);
        });
        builder.Services.AddSingleton<IConfigurationValidator>(provider =>
            new GrainflowLogStreamOptionsValidator(provider.GetOptionsByName<GrainflowLogStreamOptions>(name), name, requireStorage: false));
        builder.Services.Configure<ExceptionSerializationOptions>(o => o.SupportedNamespacePrefixes.Add("Grainflow"));
        return builder;
    }
}
