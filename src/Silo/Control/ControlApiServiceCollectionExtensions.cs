using Grainflow.Grains.Control;
using Grainflow.Silo.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace Grainflow.Silo.Control;

/// <summary>Adds the control API to a silo host.</summary>
internal static class ControlApiServiceCollectionExtensions
{
    /// <summary>
    /// Runs the control API as a hosted service of the silo host, answering with the host's
    /// <see cref="IJobControl"/>; it announces its address on <paramref name="output"/>. The job definitions
    /// <c>POST /jobs</c> can start (wordcount) are registered too, whether or not this silo serves the API: another
    /// silo's API may ask this one's job control. Nothing else is added when <paramref name="settings"/> disable the API.
    /// </summary>
    public static IServiceCollection AddGrainflowControlApi(this IServiceCollection services, ControlApiSettings settings, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(output);
        services.AddSingleton<IJobSpecFactory, WordCountSpecFactory>();
        if (settings.Url is null)
        {
            return services;
        }

        services.AddSingleton(new ControlApiConsole(output));
        services.AddSingleton(settings);
        services.AddHostedService<ControlApiHostedService>();
        return services;
    }
}
