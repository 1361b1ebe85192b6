using Grainflow.Grains.Hosting;
using Grainflow.Silo.Cluster;
using Grainflow.Silo.Control;
using Grainflow.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Grainflow.Silo.Tests.Hosting;

/// <summary>The running-jobs grain storage every silo host registers: memory on localhost, Azure Table in a cluster.</summary>
public sealed class JobStorageRegistrationTests
{
    [Fact]
    public void Host_LocalhostCluster_RegistersMemoryJobStorage()
    {
        var storage = JobStorageOf(new SiloSettings { Control = ControlApiSettings.Disabled });

        Assert.IsType<MemoryGrainStorage>(storage);
    }

    [Fact]
    public void Host_ClusterStorage_RegistersAzureTableJobStorage()
    {
        var settings = new SiloSettings
        {
            Control = ControlApiSettings.Disabled,
            Cluster = new ClusterSettings { Storage = ClusterStorage.FromConnectionString("UseDevelopmentStorage=true") },
        };

        var storage = JobStorageOf(settings);

        Assert.IsType<AzureTableGrainStorage>(storage);
    }

    // Built, never started: Azure Table storage opens its table when the silo starts.
    private static IGrainStorage JobStorageOf(SiloSettings settings)
    {
        using var host = SiloHostBuilder.Create(settings).Build();
        return host.Services.GetRequiredKeyedService<IGrainStorage>(GrainflowOptions.JobStorageName);
    }
}
