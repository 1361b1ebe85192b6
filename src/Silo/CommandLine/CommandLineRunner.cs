using System.CommandLine;
using System.CommandLine.Invocation;
using Grainflow.Silo.Commands;
using Grainflow.Silo.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grainflow.Silo.CommandLine;

/// <summary>
/// Parses the command line, runs the chosen command, and turns every way it can go wrong into one
/// exit code: usage errors (parse errors, invalid silo options) are 2 with one line on stderr saying what to
/// fix, failures while running are 1.
/// </summary>
internal static class CommandLineRunner
{
    private const string ExecutableName = "grainflow-silo";

    /// <param name="args">The command line.</param>
    /// <param name="output">Where the command's output goes.</param>
    /// <param name="error">Where error messages go.</param>
    /// <param name="stopSignal">Cancelled by SIGINT or SIGTERM (<see cref="StopSignals"/>): the running command stops in order.</param>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken stopSignal = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        var rootCommand = new SiloRootCommand();
        var parseResult = rootCommand.Parse(args);
        if (parseResult.Action is ParseErrorAction)
        {
            await WriteUsageErrorAsync(error, string.Join(" ", parseResult.Errors.Select(e => e.Message)));
            return ExitCodes.UsageError;
        }

        var configuration = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            EnableDefaultExceptionHandler = false,

            // Ctrl+C and SIGTERM cancel the token passed in (Program registers them first thing) and, once a silo runs,
            // stop its generic host gracefully within its shutdown bound; System.CommandLine's handler would end the
            // process after two seconds.
            ProcessTerminationTimeout = null,
        };
        try
        {
            return await parseResult.InvokeAsync(configuration, stopSignal);
        }
        catch (OperationCanceledException) when (stopSignal.IsCancellationRequested)
        {
            // A signal before the silo started (while a storage was probed, say): nothing ran yet that needs stopping.
            await output.WriteLineAsync($"[{ExecutableName}] stopped by a signal before the silo started");
            return ExitCodes.Success;
        }
        catch (UsageException exception)
        {
            await WriteUsageErrorAsync(error, exception.Message);
            return ExitCodes.UsageError;
        }
        catch (OptionsValidationException exception)
        {
            var failures = string.Join(" ", exception.Failures);
            var options = rootCommand.SiloOptions.OptionsNamedIn(failures).ToList();
            var fix = options.Count == 0 ? "the" : $"{string.Join(", ", options)} or the";
            await WriteUsageErrorAsync(error, $"Invalid silo options: {failures} Fix {fix} {SiloHostBuilder.SiloSection} configuration section.");
            return ExitCodes.UsageError;
        }
#pragma warning disable CA1031 // The process boundary: whatever failed is reported and becomes exit code 1.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            // One line says what failed; the stack trace is for whoever asked for Debug logs, never the answer itself.
            var detailed = parseResult.GetValue(rootCommand.SiloOptions.MinimumLogLevel) <= LogLevel.Debug;
            await error.WriteLineAsync(detailed
                ? $"{ExecutableName}: failed: {exception}"
                : $"{ExecutableName}: failed: {OneLine(exception.Message)} (run again with --log-level Debug for the details)");
            return ExitCodes.Failure;
        }
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");

    private static Task WriteUsageErrorAsync(TextWriter error, string message) =>
        error.WriteLineAsync($"{ExecutableName}: {message} See '{ExecutableName} --help'.");
}
