using System.CommandLine;
using Grainflow.Client.CommandLine;
using Grainflow.Client.Output;
using Grainflow.Interfaces.Control;
using Spectre.Console;

namespace Grainflow.Client.Commands;

/// <summary><c>grainflow stop [--savepoint &lt;name&gt;]</c>.</summary>
internal sealed class StopCommand : Command
{
    private readonly Option<string> _savepoint = new("--savepoint")
    {
        Description = "Take this savepoint first, then stop (restart from it with the job's --from-savepoint)",
        HelpName = "name",
    };

    public StopCommand(GlobalOptions global)
        : base("stop", "Stop the job, taking a savepoint first when --savepoint is given.")
    {
        Options.Add(_savepoint);
        ControlAction.Set(this, global, async (client, settings, output, parseResult, cancellationToken) =>
        {
            var savepoint = await client.StopAsync(settings.Job, parseResult.GetValue(_savepoint), cancellationToken);
            if (savepoint is null)
            {
                output.WriteDone($"stopped job {settings.Job}");
                return;
            }

            output.Write(savepoint, ControlJsonContext.Default.SavepointView, (console, view) =>
            {
                Views.SavepointTaken(console, view);
                console.WriteLine($"stopped job {settings.Job}");
            });
        });
    }
}
