using System.CommandLine;
using Grainflow.Client.Api;
using Grainflow.Client.CommandLine;
using Grainflow.Client.Output;

namespace Grainflow.Client.Commands;

/// <summary>What a control command does with the silo's API, given the global settings and where to write.</summary>
internal delegate Task ControlOperation(
    ControlApiClient client, ClientSettings settings, CommandOutput output, ParseResult parseResult, CancellationToken cancellationToken);

/// <summary>Runs a control command: reads the global options, talks to the silo, writes the answer.</summary>
internal static class ControlAction
{
    public static void Set(Command command, GlobalOptions global, ControlOperation operation)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(global);
        ArgumentNullException.ThrowIfNull(operation);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var settings = global.Read(parseResult);
            using var client = new ControlApiClient(settings.Silo, settings.Token);
            await operation(client, settings, new CommandOutput(parseResult.InvocationConfiguration.Output, settings.Json), parseResult, cancellationToken);
            return ClientExitCodes.Success;
        });
    }
}
