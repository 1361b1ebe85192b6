using Grainflow.Grains.Control;
using Grainflow.Grains.Jobs;
using Grainflow.Grains.Jobs.Registry;
using Grainflow.Grains.Placement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Serialization;

namespace Grainflow.Grains.Hosting;

/// <summary>Hosts Grainflow in an Orleans silo.</summary>
public static class GrainflowSiloBuilderExtensions
{
    /// <summary>
    /// Adds the stream engine's grains, their placement, the job definitions and checkpoint storage kinds of
    /// <paramref name="configure"/>, the job control operations (<see cref="IJobControl"/>), and the job supervisor
    /// that keeps the cluster's running jobs running. Options are validated when the silo starts.
    /// </summary>
    /// <remarks>
    /// The silo must also register a grain storage provider named <see cref="GrainflowOptions.JobStorageName"/>,
    /// where the cluster remembers its jobs: <c>AddMemoryGrainStorage(GrainflowOptions.JobStorageName)</c> for a
    /// one-silo cluster; a durable one (<c>AddAzureTableGrainStorage</c>) for several silos, so that running jobs
    /// resume by themselves after every silo restarted. A silo without one refuses to start, saying so.
    /// </remarks>
    public static ISiloBuilder AddGrainflow(this ISiloBuilder builder, Action<GrainflowOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<GrainflowOptions>().Configure(configure);
        services.AddSingleton<IConfigurationValidator, GrainflowOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<JobInstanceFactory>();
        services.AddSingleton<IJobControl, JobControl>();
        services.AddSingleton<JobSupervisor>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(s => s.GetRequiredService<JobSupervisor>());
        services.AddPlacementDirector<TaskPlacementStrategy, TaskPlacementDirector>();

        // Grainflow's exceptions (a savepoint that does not match, a checkpoint of another job) reach a caller on
        // another silo with their type, so it can tell a conflict from a failure.
        services.Configure<ExceptionSerializationOptions>(o => o.SupportedNamespacePrefixes.Add("Grainflow"));
        return builder;
    }
}
