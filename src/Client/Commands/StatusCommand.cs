using System.CommandLine;
using Grainflow.Client.CommandLine;
using Grainflow.Client.Output;
using Grainflow.Interfaces.Control;

namespace Grainflow.Client.Commands;

/// <summary><c>grainflow status</c>: the job's state, record counts per operator, source offsets and checkpoints.</summary>
internal sealed class StatusCommand : Command
{
    public StatusCommand(GlobalOptions global)
        : base("status", "Show the job's state, records in and out per operator, source offsets and the last completed checkpoint.")
    {
        ControlAction.Set(this, global, async (client, settings, output, parseResult, cancellationToken) =>
            output.Write(await client.GetStatusAsync(settings.Job, cancellationToken), ControlJsonContext.Default.JobStatusView, Views.Status));
    }
}
