using System.CommandLine;
using Grainflow.Client.CommandLine;
using Grainflow.Client.Output;
using Grainflow.Interfaces.Control;

namespace Grainflow.Client.Commands;

/// <summary><c>grainflow state get --operator &lt;id&gt; --key &lt;key&gt; [--state &lt;name&gt;]</c>.</summary>
internal sealed class StateCommand : Command
{
    public StateCommand(GlobalOptions global)
        : base("state", "Queryable state of a running job.")
    {
        var operatorId = new Option<string>("--operator") { Description = "The operator's stable id (see 'status')", HelpName = "id", Required = true };
        var key = new Option<string>("--key") { Description = "The key, as text", HelpName = "key", Required = true };
        var stateName = new Option<string>("--state") { Description = "The state to read, when the operator has several", HelpName = "name" };
        var get = new Command("get", "Read the keyed state of one key of one operator.") { operatorId, key, stateName };
        ControlAction.Set(get, global, async (client, settings, output, parseResult, cancellationToken) =>
        {
            var state = await client.GetStateAsync(
                settings.Job, parseResult.GetRequiredValue(operatorId), parseResult.GetRequiredValue(key), parseResult.GetValue(stateName), cancellationToken);
            output.Write(state, ControlJsonContext.Default.StateValueView, Views.State);
        });
        Subcommands.Add(get);
    }
}
