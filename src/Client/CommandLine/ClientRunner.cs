using System.CommandLine;
using System.CommandLine.Help;
using System.Net;
using Grainflow.Client.Api;

namespace Grainflow.Client.CommandLine;

/// <summary>
/// Parses the command line, runs the command, and turns every way it can go wrong into one line on stderr and one
/// of the <see cref="ClientExitCodes"/>.
/// </summary>
internal static class ClientRunner
{
    public const string ExecutableName = "grainflow";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        var rootCommand = new ClientRootCommand();
        var parseResult = rootCommand.Parse(args);
        if (parseResult.Action is System.CommandLine.Invocation.ParseErrorAction)
        {
            await error.WriteLineAsync($"{ExecutableName}: {string.Join(" ", parseResult.Errors.Select(e => e.Message))} See '{ExecutableName} --help'.");
            return ClientExitCodes.UsageError;
        }

        var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        try
        {
            return await parseResult.InvokeAsync(configuration);
        }
        catch (Exception exception) when (Classify(exception, rootCommand, parseResult) is { } failure)
        {
            await error.WriteLineAsync($"{ExecutableName}: {failure.Message}");
            return failure.ExitCode;
        }
    }

    /// <summary>Adds the exit codes to the end of --help.</summary>
    public static void AddExitCodesToHelp(RootCommand rootCommand)
    {
        ArgumentNullException.ThrowIfNull(rootCommand);
        var help = rootCommand.Options.OfType<HelpOption>().Single();
        help.Action = new ExitCodesHelpAction((HelpAction)help.Action!);
    }

    private static ClientFailure Classify(Exception exception, ClientRootCommand rootCommand, ParseResult parseResult) => exception switch
    {
        ClientFailure failure => failure,
        SiloUnreachableException unreachable => new ClientFailure(
            ClientExitCodes.SiloUnreachable,
            $"cannot reach the silo at {unreachable.Silo}: is it running? (start it with 'grainflow-silo wordcount --input-log <dir> ...', " +
            $"or pass --silo <url>){Environment.NewLine}  reason: {unreachable.Message}"),
        ControlApiException api => new ClientFailure(ExitCodeOf(api.StatusCode), Explain(api, rootCommand, parseResult)),
        OperationCanceledException => new ClientFailure(ClientExitCodes.Failure, "interrupted."),
        _ => new ClientFailure(ClientExitCodes.Failure, $"failed: {exception}"),
    };

    private static int ExitCodeOf(HttpStatusCode status) => status switch
    {
        HttpStatusCode.BadRequest => ClientExitCodes.UsageError,
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => ClientExitCodes.Unauthorized,
        HttpStatusCode.NotFound => ClientExitCodes.NotFound,
        HttpStatusCode.Conflict => ClientExitCodes.Conflict,
        _ => ClientExitCodes.Failure,
    };

    private static string Explain(ControlApiException exception, ClientRootCommand rootCommand, ParseResult parseResult)
    {
        var (what, hint) = exception.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => (
                "unauthorized",
                parseResult.GetValue(rootCommand.Global.Token) is null && Environment.GetEnvironmentVariable(GlobalOptions.TokenVariable) is null or ""
                    ? $" Pass --token <token> or set {GlobalOptions.TokenVariable}."
                    : " Check the token the silo was started with."),
            HttpStatusCode.NotFound => ("not found", string.Empty),
            HttpStatusCode.Conflict => ("conflict", string.Empty),
            HttpStatusCode.BadRequest => ("invalid request", string.Empty),
            _ => ($"the silo answered {(int)exception.StatusCode}", string.Empty),
        };
        return $"{what}: {exception.Message}{hint}";
    }
}
