using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Grainflow.Silo.Hosting;

/// <summary>Applies the host's <see cref="SiloOptions"/> to the Orleans options they stand for.</summary>
internal static class SiloOptionsMapping
{
    // Orleans has no infinite response timeout: a year stands for it.
    private static readonly TimeSpan s_longestCallTimeout = TimeSpan.FromDays(365);

    // The host must not cancel the silo's own bounded shutdown: it gets the silo's bound plus this margin.
    private static readonly TimeSpan s_hostShutdownMargin = TimeSpan.FromSeconds(5);

    public static IServiceCollection MapSiloOptions(this IServiceCollection services)
    {
        services.AddOptions<SiloMessagingOptions>().Configure<IOptions<SiloOptions>>((messaging, silo) =>
            messaging.ResponseTimeout = CallTimeout(silo.Value.CallTimeout));
        services.AddOptions<ClientMessagingOptions>().Configure<IOptions<SiloOptions>>((messaging, silo) =>
            messaging.ResponseTimeout = CallTimeout(silo.Value.CallTimeout));
        services.AddOptions<GrainCollectionOptions>().Configure<IOptions<SiloOptions>>((collection, silo) =>
        {
            collection.CollectionAge = silo.Value.CollectionAge;
            collection.CollectionQuantum = silo.Value.CollectionQuantum;
            collection.DeactivationTimeout = silo.Value.ShutdownTimeout;
        });
        services.AddOptions<ClusterMembershipOptions>().Configure<IOptions<SiloOptions>>((membership, silo) =>
        {
            membership.ProbeTimeout = silo.Value.ProbeTimeout;
            membership.NumMissedProbesLimit = silo.Value.NumMissedProbesLimit;
            membership.NumVotesForDeathDeclaration = silo.Value.NumVotesForDeathDeclaration;
            membership.TableRefreshTimeout = silo.Value.TableRefreshTimeout;
        });
        services.AddOptions<HostOptions>().Configure<IOptions<SiloOptions>>((host, silo) =>
            host.ShutdownTimeout = HostShutdownTimeout(host.ShutdownTimeout, silo.Value.ShutdownTimeout));
        return services;
    }

    private static TimeSpan CallTimeout(TimeSpan value) => value == Timeout.InfiniteTimeSpan || value > s_longestCallTimeout ? s_longestCallTimeout : value;

    private static TimeSpan HostShutdownTimeout(TimeSpan hostDefault, TimeSpan siloBound) =>
        siloBound >= TimeSpan.MaxValue - s_hostShutdownMargin
            ? Timeout.InfiniteTimeSpan
            : TimeSpan.FromTicks(Math.Max(hostDefault.Ticks, (siloBound + s_hostShutdownMargin).Ticks));
}
