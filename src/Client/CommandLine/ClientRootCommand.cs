using System.CommandLine;
using Grainflow.Client.Commands;

namespace Grainflow.Client.CommandLine;

/// <summary><c>grainflow</c>: the global options and the commands.</summary>
internal sealed class ClientRootCommand : RootCommand
{
    public ClientRootCommand()
        : base("Grainflow console client: inspects and controls the jobs of a running silo through its control API, and produces records into segment logs.")
    {
        foreach (var option in Global.All)
        {
            Options.Add(option);
        }

        Subcommands.Add(new JobCommand(Global));
        Subcommands.Add(new JobsCommand(Global));
        Subcommands.Add(new StatusCommand(Global));
        Subcommands.Add(new CheckpointsCommand(Global));
        Subcommands.Add(new CheckpointCommand(Global));
        Subcommands.Add(new SavepointCommand(Global));
        Subcommands.Add(new StopCommand(Global));
        Subcommands.Add(new StateCommand(Global));
        Subcommands.Add(new ProduceCommand(Global));
        ClientRunner.AddExitCodesToHelp(this);
    }

    public GlobalOptions Global { get; } = new();
}
