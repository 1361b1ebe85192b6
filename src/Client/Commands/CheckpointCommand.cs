using System.CommandLine;
using Grainflow.Client.CommandLine;
using Grainflow.Interfaces.Control;
using Spectre.Console;

namespace Grainflow.Client.Commands;

/// <summary><c>grainflow checkpoint trigger</c>.</summary>
internal sealed class CheckpointCommand : Command
{
    public CheckpointCommand(GlobalOptions global)
        : base("checkpoint", "Act on the job's checkpoints.")
    {
        var trigger = new Command("trigger", "Trigger a checkpoint now; prints its id (it completes asynchronously: see 'checkpoints list').");
        ControlAction.Set(trigger, global, async (client, settings, output, parseResult, cancellationToken) =>
        {
            var triggered = await client.TriggerCheckpointAsync(settings.Job, cancellationToken);
            output.Write(triggered, ControlJsonContext.Default.TriggeredCheckpointView, (console, view) =>
                console.WriteLine($"triggered checkpoint {view.CheckpointId} of job {settings.Job}"));
        });
        Subcommands.Add(trigger);
    }
}
