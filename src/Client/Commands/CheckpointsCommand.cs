using System.CommandLine;
using Grainflow.Client.CommandLine;
using Grainflow.Client.Output;
using Grainflow.Interfaces.Control;

namespace Grainflow.Client.Commands;

/// <summary><c>grainflow checkpoints list</c>.</summary>
internal sealed class CheckpointsCommand : Command
{
    public CheckpointsCommand(GlobalOptions global)
        : base("checkpoints", "The job's checkpoint history.")
    {
        var list = new Command("list", "List the recent completed checkpoints: id, trigger time, duration, bytes, and per task the alignment, synchronous and asynchronous durations.");
        ControlAction.Set(list, global, async (client, settings, output, parseResult, cancellationToken) =>
            output.Write(await client.ListCheckpointsAsync(settings.Job, cancellationToken), ControlJsonContext.Default.IReadOnlyListCheckpointView, Views.Checkpoints));
        Subcommands.Add(list);
    }
}
