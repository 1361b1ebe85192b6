using Grainflow.Silo.Hosting;
using Grainflow.Silo.Jobs;

namespace Grainflow.Silo.Commands;

/// <summary>What <c>grainflow-silo</c> does when no subcommand is given.</summary>
internal static class DefaultCommandAction
{
    /// <summary>Says, in the root command's help, what running without a command does.</summary>
    public const string Description = WordCountDemo.Description;

    public static Task<int> RunAsync(SiloSettings silo, TextWriter output, CancellationToken cancellationToken) =>
        WordCountDemo.RunAsync(silo, output, cancellationToken);
}
