using Grainflow.Grains.Samples;
using Grainflow.Runtime.Configuration;
using Grainflow.Runtime.Hosting;
using Grainflow.Silo.Control;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grainflow.Silo.Hosting;

/// <summary>Creates the generic host every subcommand runs its silo on.</summary>
internal static class SiloHostBuilder
{
    /// <summary>The configuration section bound to <see cref="SiloOptions"/> before the command line applies.</summary>
    public const string SiloSection = "Grainflow:Silo";

    // The host must not cancel the silo's own bounded shutdown: it gets the silo's bound plus this margin.
    private static readonly TimeSpan s_hostShutdownMargin = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A host with console logging at <see cref="SiloSettings.LogLevel"/> and a silo hosting the platform's
    /// grains, configured from the "Grainflow:Silo" section and then <paramref name="settings"/>. Ctrl+C and
    /// SIGTERM stop the host gracefully once it started. Options are validated when the host starts. The control API
    /// (<see cref="SiloSettings.Control"/>) runs as a hosted service once the host has an IJobControl.
    /// </summary>
    public static HostApplicationBuilder Create(SiloSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);

        // The command line belongs to System.CommandLine; the host only reads appsettings.json and the environment.
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss.fff ";
        });

        // A rule rather than only the minimum level, so that --log-level wins over Logging:LogLevel:Default.
        builder.Logging.AddFilter(category: null, settings.LogLevel);

        builder.Services.Configure<ConsoleLifetimeOptions>(lifetime => lifetime.SuppressStatusMessages = true);
        builder.Services.Configure<SiloOptions>(builder.Configuration.GetSection(SiloSection));
        builder.Services.AddGrainflowSilo(silo => silo
            .AddGrainsFrom(typeof(CounterGrain).Assembly)
            .Configure(settings.ApplyTo));
        builder.Services.AddSingleton<ICounterStore, InMemoryCounterStore>();
        builder.Services.AddSingleton<CounterActivity>();

        // After the silo: hosted services stop in reverse order, so the API stops taking requests before the silo stops.
        builder.Services.AddGrainflowControlApi(settings.Control, Console.Out);
        builder.Services.AddOptions<HostOptions>().Configure<IOptions<SiloOptions>>((host, silo) =>
            host.ShutdownTimeout = HostShutdownTimeout(host.ShutdownTimeout, silo.Value.ShutdownTimeout));
        return builder;
    }

    private static TimeSpan HostShutdownTimeout(TimeSpan hostDefault, TimeSpan siloBound) =>
        siloBound >= TimeSpan.MaxValue - s_hostShutdownMargin
            ? Timeout.InfiniteTimeSpan
            : TimeSpan.FromTicks(Math.Max(hostDefault.Ticks, (siloBound + s_hostShutdownMargin).Ticks));
}
