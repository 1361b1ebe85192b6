using Grainflow.Runtime.Configuration;
using Grainflow.Runtime.Tests.Grains;
using Grainflow.TestingHost;
using Microsoft.Extensions.DependencyInjection;

namespace Grainflow.Runtime.Tests;

/// <summary>Starts test silos hosting the test grains.</summary>
internal static class Silos
{
    public static Task<TestSilo> StartAsync(
        TimeProvider? timeProvider = null,
        Action<SiloOptions>? options = null,
        Action<IServiceCollection>? services = null) =>
        TestSilo.StartAsync(
            silo =>
            {
                silo.AddGrainsFrom(typeof(ProbeGrain).Assembly);
                if (options is not null)
                {
                    silo.Configure(options);
                }
            },
            timeProvider,
            collection =>
            {
                collection.AddSingleton<LifecycleJournal>();
                collection.AddSingleton<TimerSignals>();
                services?.Invoke(collection);
            });
}
