using System.CommandLine;
using Grainflow.Client.CommandLine;
using Grainflow.Client.Output;
using Grainflow.Interfaces.Control;

namespace Grainflow.Client.Commands;

/// <summary><c>grainflow savepoint create|list|delete</c>.</summary>
internal sealed class SavepointCommand : Command
{
    public SavepointCommand(GlobalOptions global)
        : base("savepoint", "Create, list and delete the job's savepoints (checkpoints kept under a name until deleted, to restart or upgrade from).")
    {
        var createName = new Argument<string>("name") { Description = "The savepoint's name" };
        var create = new Command("create", "Take a savepoint now and wait until it is complete.") { createName };
        ControlAction.Set(create, global, async (client, settings, output, parseResult, cancellationToken) =>
        {
            var savepoint = await client.CreateSavepointAsync(settings.Job, parseResult.GetRequiredValue(createName), cancellationToken);
            output.Write(savepoint, ControlJsonContext.Default.SavepointView, Views.SavepointTaken);
        });

        var list = new Command("list", "List the job's savepoints.");
        ControlAction.Set(list, global, async (client, settings, output, parseResult, cancellationToken) =>
            output.Write(await client.ListSavepointsAsync(settings.Job, cancellationToken), ControlJsonContext.Default.IReadOnlyListSavepointView, Views.Savepoints));

        var deleteName = new Argument<string>("name") { Description = "The savepoint's name" };
        var delete = new Command("delete", "Delete a savepoint.") { deleteName };
        ControlAction.Set(delete, global, async (client, settings, output, parseResult, cancellationToken) =>
        {
            var name = parseResult.GetRequiredValue(deleteName);
            await client.DeleteSavepointAsync(settings.Job, name, cancellationToken);
            output.WriteDone($"deleted savepoint '{name}' of job {settings.Job}");
        });

        Subcommands.Add(create);
        Subcommands.Add(list);
        Subcommands.Add(delete);
    }
}
