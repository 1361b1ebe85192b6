using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace Grainflow.Client.CommandLine;

/// <summary>The standard help, followed by the exit codes scripts can rely on.</summary>
internal sealed class ExitCodesHelpAction(HelpAction standard) : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var result = standard.Invoke(parseResult);
        var output = parseResult.InvocationConfiguration.Output;
        foreach (var line in ClientExitCodes.HelpLines)
        {
            output.WriteLine(line);
        }

        output.WriteLine();
        return result;
    }
}
