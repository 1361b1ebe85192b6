using Grainflow.Silo.CommandLine;
using Grainflow.Silo.Control;
using Grainflow.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Grainflow.Silo.Samples;

/// <summary>
/// The counter sample: starts a silo, runs <see cref="CounterSampleWorkload"/> on it, and stops it gracefully,
/// also when the run fails or Ctrl+C interrupts it.
/// </summary>
internal static class CounterSample
{
    public static async Task<int> RunAsync(SiloSettings silo, CounterSampleSettings sample, CancellationToken cancellationToken)
    {
        // The sample runs no stream job: nothing for a control API to control.
        var builder = SiloHostBuilder.Create(silo with { Control = ControlApiSettings.Disabled });
        builder.Services.AddSingleton(sample);
        builder.Services.AddSingleton<CounterSampleWorkload>();
        using var host = builder.Build();
        var workload = host.Services.GetRequiredService<CounterSampleWorkload>();
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();

        // Not the caller's token: a signal while the silo starts lets the start finish, then stops the run as a later one does.
        await host.StartAsync(CancellationToken.None);
        long completed;
        try
        {
            using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
            completed = await workload.RunAsync(stopping.Token);
        }
        finally
        {
            workload.ReportStopping();

            // Not the caller's token: a stop that was asked for must still run to its own bound.
            await host.StopAsync(CancellationToken.None);
        }

        await workload.ReportStoppedAsync(completed);
        return ExitCodes.Success;
    }
}
