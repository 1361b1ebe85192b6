using Grainflow.Silo.Hosting;
using Grainflow.Silo.Samples;

namespace Grainflow.Silo.Commands;

/// <summary>What <c>grainflow-silo</c> does when no subcommand is given.</summary>
internal static class DefaultCommandAction
{
    /// <summary>Says, in the root command's help, what running without a command does.</summary>
    public const string Description = "Without a command, runs the counter sample with its defaults.";

    // Until the stream-job demo exists, the bare command is the counter sample with its defaults.
    public static Task<int> RunAsync(SiloSettings silo, CancellationToken cancellationToken) =>
        CounterSample.RunAsync(silo, CounterSampleSettings.Default, cancellationToken);
}
