using Grainflow.Runtime.Activations;
using Grainflow.Runtime.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grainflow.Runtime.Hosting;

/// <summary>Adds a silo to a generic host.</summary>
public static class GrainflowServiceCollectionExtensions
{
    /// <summary>
    /// Adds a silo, started and stopped with the host, and registers <see cref="IGrainFactory"/> and
    /// <see cref="Silo"/>. <see cref="TimeProvider"/> defaults to the system clock; register another first to fake time.
    /// </summary>
    public static IServiceCollection AddGrainflowSilo(this IServiceCollection services, Action<SiloBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new SiloBuilder(services);
        configure(builder);
        var grainClasses = builder.GrainClasses.ToList();

        services.AddOptions<SiloOptions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SiloOptions>, SiloOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(_ => new GrainClassRegistry(grainClasses));
        services.AddSingleton(provider => new Silo(
            provider.GetRequiredService<IOptions<SiloOptions>>(),
            provider.GetRequiredService<GrainClassRegistry>(),
            provider,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<Silo>>()));
        services.AddSingleton(provider => provider.GetRequiredService<Silo>().GrainFactory);
        services.AddHostedService<SiloHostedService>();
        return services;
    }
}
