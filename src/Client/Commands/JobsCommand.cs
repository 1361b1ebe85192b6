using System.CommandLine;
using Grainflow.Client.CommandLine;
using Grainflow.Client.Output;
using Grainflow.Interfaces.Control;

namespace Grainflow.Client.Commands;

/// <summary><c>grainflow jobs</c>: the jobs the cluster remembers.</summary>
internal sealed class JobsCommand : Command
{
    public JobsCommand(GlobalOptions global)
        : base("jobs", "List the cluster's jobs: running ones (kept running across silo failures and restarts) and recently ended ones.")
    {
        ControlAction.Set(this, global, async (client, settings, output, parseResult, cancellationToken) =>
            output.Write(await client.ListJobsAsync(cancellationToken), ControlJsonContext.Default.IReadOnlyListJobSummaryView, Views.Jobs));
    }
}
