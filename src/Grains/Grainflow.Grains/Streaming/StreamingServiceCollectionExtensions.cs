using Grainflow.Grains.Control;
using Grainflow.Streaming.Execution;
using Microsoft.Extensions.DependencyInjection;

namespace Grainflow.Grains.Streaming;

/// <summary>Registers what the stream engine's grains need; the host also registers the grains themselves (AddGrainsFrom this assembly).</summary>
public static class StreamingServiceCollectionExtensions
{
    /// <summary>Adds the job registry, the job launcher and the job control operations.</summary>
    public static IServiceCollection AddGrainflowStreaming(this IServiceCollection services)
    {
        services.AddSingleton<JobRegistry>();
        services.AddSingleton<StreamJobLauncher>();
        services.AddSingleton<IJobControl, JobControl>();
        return services;
    }
}
