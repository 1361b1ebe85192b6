using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace Grainflow.Grains.Hosting;

/// <summary>Refuses to start a silo whose Grainflow options cannot work, naming the setting to fix.</summary>
internal sealed class GrainflowOptionsValidator(IOptions<GrainflowOptions> options, IServiceProvider services) : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        var value = options.Value;
        RequirePositive(nameof(GrainflowOptions.TimerResolution), value.TimerResolution);
        RequirePositive(nameof(GrainflowOptions.JobSupervisionInterval), value.JobSupervisionInterval);

        // Asked of the container without creating the provider: Orleans registers every grain storage as a keyed IGrainStorage.
        if (services.GetService<IServiceProviderIsKeyedService>()?.IsKeyedService(typeof(IGrainStorage), GrainflowOptions.JobStorageName) != true)
        {
            throw new OrleansConfigurationException(
                $"Grainflow keeps the cluster's jobs in the grain storage named '{GrainflowOptions.JobStorageName}', and this silo has none: register one " +
                $"under {nameof(GrainflowOptions)}.{nameof(GrainflowOptions.JobStorageName)} (AddMemoryGrainStorage for a one-silo cluster, " +
                "AddAzureTableGrainStorage or another durable storage for several silos).");
        }
    }

    private static void RequirePositive(string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new OrleansConfigurationException($"{nameof(GrainflowOptions)}.{name} must be positive (it is {value}).");
        }
    }
}
