using System.Reflection;
using Grainflow.Runtime.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Grainflow.Runtime.Hosting;

/// <summary>Configures a silo: which grain classes it hosts and its options.</summary>
public sealed class SiloBuilder
{
    internal SiloBuilder(IServiceCollection services) => Services = services;

    /// <summary>The host's services, for grain dependencies.</summary>
    public IServiceCollection Services { get; }

    internal List<Type> GrainClasses { get; } = [];

    /// <summary>Hosts grains of class <typeparamref name="TGrain"/>.</summary>
    public SiloBuilder AddGrain<TGrain>()
        where TGrain : Grain
    {
        GrainClasses.Add(typeof(TGrain));
        return this;
    }

    /// <summary>Hosts every concrete grain class of <paramref name="assembly"/> (scanned once, at startup).</summary>
    public SiloBuilder AddGrainsFrom(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        GrainClasses.AddRange(assembly.GetTypes().Where(t => typeof(Grain).IsAssignableFrom(t) && !t.IsAbstract && !t.IsGenericTypeDefinition));
        return this;
    }

    /// <summary>Changes the silo's options.</summary>
    public SiloBuilder Configure(Action<SiloOptions> configure)
    {
        Services.Configure(configure);
        return this;
    }
}
