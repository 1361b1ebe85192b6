using System.CommandLine;
using Grainflow.Silo.CommandLine;

namespace Grainflow.Silo.Commands;

/// <summary><c>grainflow-silo</c>: the silo options, the subcommands, and the action without a subcommand.</summary>
internal sealed class SiloRootCommand : RootCommand
{
    public SiloRootCommand()
        : base($"Grainflow silo host: runs grains (virtual actors) in this process. {DefaultCommandAction.Description}")
    {
        foreach (var option in SiloOptions.All)
        {
            Options.Add(option);
        }

        Subcommands.Add(new SampleCommand(SiloOptions));
        Subcommands.Add(new WordCountCommand(SiloOptions));
        Subcommands.Add(new ServeCommand(SiloOptions));
        SetAction((parseResult, cancellationToken) =>
            DefaultCommandAction.RunAsync(SiloOptions.Read(parseResult), parseResult.InvocationConfiguration.Output, cancellationToken));
    }

    /// <summary>The silo options, shared by every subcommand.</summary>
    public SiloCommandOptions SiloOptions { get; } = new();
}
