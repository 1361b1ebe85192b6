using Grainflow.Grains.Hosting;
using Grainflow.Grains.Samples;
using Grainflow.Grains.WordCount;
using Grainflow.Silo.Cluster;
using Grainflow.Silo.Control;
using Grainflow.Silo.Streams;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;

namespace Grainflow.Silo.Hosting;

/// <summary>Creates the generic host every subcommand runs its Orleans silo on.</summary>
internal static class SiloHostBuilder
{
    /// <summary>The configuration section bound to <see cref="SiloOptions"/> before the command line applies.</summary>
    public const string SiloSection = "Grainflow:Silo";

    /// <summary>
    /// A host with console logging at <see cref="SiloSettings.LogLevel"/> and an Orleans silo of the cluster
    /// <see cref="SiloSettings.Cluster"/> says (localhost or Azure Table membership, with the running-jobs grain storage
    /// to match) hosting Grainflow with the sample job definitions and the log stream provider "grainflow" (<see cref="SiloSettings.Streams"/>), configured from the "Grainflow:Silo" section and then
    /// <paramref name="settings"/>. Ctrl+C and SIGTERM stop the host gracefully once it started. Options are
    /// validated when the host starts. The control API (<see cref="SiloSettings.Control"/>) runs as a hosted service.
    /// </summary>
    public static HostApplicationBuilder Create(SiloSettings settings, Action<GrainflowOptions>? configureGrainflow = null)
    {
        ArgumentNullException.ThrowIfNull(settings);

        // The command line belongs to System.CommandLine; the host only reads appsettings.json and the environment,
        // once: options are validated at start, and reloading appsettings.json on change would watch the working
        // directory recursively (inotify), handling every file event below it, such as the job's own output and
        // checkpoint files when their paths are relative (seen as 3 % of a checkpointing job's processor time).
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection([new("hostBuilder:reloadConfigOnChange", "false")]);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Configuration = configuration });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss.fff ";
        });

        // A rule rather than only the minimum level, so that --log-level wins over Logging:LogLevel:Default. Orleans'
        // own start-up chatter is for Debug; its warnings and errors still show.
        builder.Logging.AddFilter(category: null, settings.LogLevel);
        builder.Logging.AddFilter("Orleans", settings.LogLevel <= LogLevel.Debug ? settings.LogLevel : LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft", settings.LogLevel <= LogLevel.Debug ? settings.LogLevel : LogLevel.Warning);
        builder.Logging.AddFilter("Polly", settings.LogLevel <= LogLevel.Debug ? settings.LogLevel : LogLevel.Warning);

        // Orleans' watchdog warns on its first check after start-up that its check "has not completed" for a duration
        // unrelated to the silo (seen with Orleans 10.4.2 here: 15 minutes, a second after start): at Warning that is
        // noise on every run; real stalls still show at Error.
        builder.Logging.AddFilter("Orleans.Runtime.Watchdog", settings.LogLevel <= LogLevel.Debug ? settings.LogLevel : LogLevel.Error);

        builder.Services.Configure<ConsoleLifetimeOptions>(lifetime => lifetime.SuppressStatusMessages = true);
        builder.Services.AddOptions<SiloOptions>()
            .Bind(builder.Configuration.GetSection(SiloSection))
            .PostConfigure(settings.ApplyTo)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SiloOptions>, SiloOptionsValidator>();
        builder.Services.MapSiloOptions();

        builder.UseOrleans(silo => silo
            .UseGrainflowClustering(settings.Cluster)
            .AddGrainflowJobStorage(settings.Cluster.Storage)
            .AddGrainflowStreamProvider(settings.Streams, settings.Cluster.Storage)
            .AddDashboard()
            .AddGrainflow(grainflow =>
            {
                grainflow.AddJob(WordCountJob.DefinitionName, WordCountJob.Define);
                configureGrainflow?.Invoke(grainflow);
            }));
        builder.Services.AddSingleton<ICounterStore, InMemoryCounterStore>();
        builder.Services.AddSingleton<CounterActivity>();

        // After the silo: hosted services stop in reverse order, so the API stops taking requests before the silo stops.
        builder.Services.AddGrainflowControlApi(settings.Control, Console.Out);
        return builder;
    }
}
