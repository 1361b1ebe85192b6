using System.CommandLine;
using Grainflow.Client.CommandLine;
using Grainflow.Client.Output;
using Grainflow.Interfaces.Control;
using Spectre.Console;

namespace Grainflow.Client.Commands;

/// <summary><c>grainflow stop [--savepoint &lt;name&gt;] [--no-drain]</c>.</summary>
internal sealed class StopCommand : Command
{
    private readonly Option<string> _savepoint = new("--savepoint")
    {
        Description = "Take this savepoint first, then stop (restart from it with the job's --from-savepoint)",
        HelpName = "name",
    };

    private readonly Option<bool> _noDrain = new("--no-drain")
    {
        Description = "Stop without a final checkpoint: only what the last completed checkpoint covers stays committed (the rest is read again on restart)",
    };

    public StopCommand(GlobalOptions global)
        : base("stop", "Stop the job: a final checkpoint commits everything read so far (or --savepoint takes a savepoint; --no-drain takes neither).")
    {
        Options.Add(_savepoint);
        Options.Add(_noDrain);
        Validators.Add(result =>
        {
            if (result.GetResult(_noDrain) is not null && result.GetResult(_savepoint) is not null)
            {
                result.AddError("Options '--savepoint' and '--no-drain' cannot be combined: a savepoint is a final checkpoint.");
            }
        });
        ControlAction.Set(this, global, async (client, settings, output, parseResult, cancellationToken) =>
        {
            var savepoint = await client.StopAsync(settings.Job, parseResult.GetValue(_savepoint), drain: !parseResult.GetValue(_noDrain), cancellationToken);
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
