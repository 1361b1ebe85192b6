using System.CommandLine;
using Grainflow.Client.CommandLine;
using Grainflow.Client.Output;
using Grainflow.Interfaces.Control;

namespace Grainflow.Client.Commands;

/// <summary>
/// <c>grainflow job start &lt;definition&gt; [job options]</c>: starts a registered job definition on the cluster. The
/// options are the definition's (wordcount's are named here; any definition's with <c>--option name=value</c>); the
/// silo checks them. Paths are made absolute here, since the silo may run in another directory.
/// </summary>
internal sealed class JobCommand : Command
{
    private readonly Argument<string> _definition = new("definition") { Description = "The job definition to start, e.g. wordcount" };
    private readonly Option<string> _jobId = new("--job-id") { Description = "The running job's id [default: the definition's name]", HelpName = "id" };
    private readonly Option<string[]> _extra = new("--option")
    {
        Description = "Another option of the definition, as name=value (repeatable)",
        HelpName = "name=value",
        AllowMultipleArgumentsPerToken = false,
    };

    // The wordcount definition's options, as 'grainflow-silo wordcount' takes them; the silo applies the same rules.
    private readonly (Option<string> Option, bool IsPath)[] _values =
    [
        (Value("--input", "file", "The UTF-8 text file to count the words of; the job ends once it is read (or --input-log, --input-stream)"), true),
        (Value("--input-log", "dir", "A segment log of UTF-8 lines, created if missing; the job runs until stopped"), true),
        (Value("--input-stream", "provider/namespace", "An Orleans stream namespace of lines, e.g. grainflow/lines (fed by 'grainflow produce --stream'); the job runs until stopped"), false),
        (Value("--output", "dir", "Where committed output files go (or --output-stream, --output-store, --output-store-url)"), true),
        (Value("--output-stream", "provider/namespace", "Write the results to this Orleans stream namespace instead, read-committed"), false),
        (Value("--output-store", "connection-string", "Write the results to blobs in Azure Blob Storage instead, each committed with its checkpoint; never printed"), false),
        (Value("--output-store-url", "url", "The same, signing in with Microsoft Entra on the silos: an account's or a container's URL"), false),
        (Value("--output-container", "name", "The blob container of --output-store or --output-store-url [default: grainflow-output]"), false),
        (Value("--checkpoint-dir", "dir", "Where checkpoints are kept; a start over existing checkpoints resumes from them"), true),
        (Value("--checkpoint-store", "connection-string", "Keep checkpoints in Azure Blob Storage (an Azure Storage connection string); never printed"), false),
        (Value("--checkpoint-store-url", "url", "Keep checkpoints in Azure Blob Storage, signing in with Microsoft Entra on the silos"), false),
        (Value("--checkpoint-container", "name", "The blob container of --checkpoint-store or --checkpoint-store-url [default: grainflow-checkpoints]"), false),
        (Value("--checkpoint-interval", "duration", "Time between checkpoints, e.g. 500ms, 1s ('infinite': only the final one) [default: 1s]"), false),
        (Value("--parallelism", "n", "Counting tasks; a checkpoint location keeps it until a rescale (grainflow job rescale) [default: 2]"), false),
        (Value("--from-savepoint", "name|dir", "Start from this savepoint: a name in the checkpoint location, or a savepoint directory"), false),
    ];

    private readonly Option<bool>[] _switches =
    [
        new("--allow-non-restored-state") { Description = "With --from-savepoint: drop savepoint state no operator claims instead of refusing to start" },
        new("--allow-duplicate-output") { Description = "Start even where exactly-once cannot hold, writing that output again" },
    ];

    public JobCommand(GlobalOptions global)
        : base("job", "Start jobs on the cluster, and rescale them.")
    {
        var start = new Command(
            "start",
            "Start a job definition on the cluster, which keeps it running (also after silo failures and restarts) until it ends or is stopped. " +
            "A checkpoint location that holds checkpoints is resumed from.")
        {
            _definition,
            _jobId,
            _extra,
        };
        foreach (var (option, _) in _values)
        {
            start.Options.Add(option);
        }

        foreach (var option in _switches)
        {
            start.Options.Add(option);
        }

        ControlAction.Set(start, global, async (client, settings, output, parseResult, cancellationToken) =>
        {
            var request = new StartJobRequest(parseResult.GetRequiredValue(_definition), parseResult.GetValue(_jobId), ReadOptions(parseResult));
            output.Write(await client.StartJobAsync(request, cancellationToken), ControlJsonContext.Default.StartedJobView, Views.JobStarted);
        });
        Subcommands.Add(start);
        Subcommands.Add(RescaleCommand(global));
    }

    // 'job rescale --parallelism n' (the job from --job): a savepoint, then the job runs again from it with n tasks per keyed operator.
    private static Command RescaleCommand(GlobalOptions global)
    {
        var parallelism = new Option<int>("--parallelism")
        {
            Description = "The new number of tasks of each keyed operator (at most its max parallelism, the number of key groups)",
            HelpName = "n",
            Required = true,
        };
        var rescale = new Command(
            "rescale",
            "Rescale the job (--job): it takes a savepoint, and runs again from it with the new parallelism, its tasks spread anew over the " +
            "cluster's live silos (a silo that joined takes its share). Also with the same parallelism, to rebalance. Returns once it runs again.")
        {
            parallelism,
        };
        ControlAction.Set(rescale, global, async (client, settings, output, parseResult, cancellationToken) =>
            output.Write(
                await client.RescaleAsync(settings.Job, parseResult.GetValue(parallelism), cancellationToken),
                ControlJsonContext.Default.RescaledJobView,
                Views.JobRescaled));
        return rescale;
    }

    private Dictionary<string, string> ReadOptions(ParseResult parseResult)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (option, isPath) in _values)
        {
            if (parseResult.GetValue(option) is { } value)
            {
                options[option.Name.TrimStart('-')] = isPath || (option.Name == "--from-savepoint" && IsPath(value)) ? Path.GetFullPath(value) : value;
            }
        }

        foreach (var option in _switches.Where(o => parseResult.GetValue(o)))
        {
            options[option.Name.TrimStart('-')] = "true";
        }

        foreach (var pair in parseResult.GetValue(_extra) ?? [])
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new ClientFailure(ClientExitCodes.UsageError, $"Option '--option' expects name=value, not '{pair}'.");
            }

            options[pair[..equals]] = pair[(equals + 1)..];
        }

        return options;
    }

    // As the silo reads --from-savepoint: a name unless it looks like a path.
    private static bool IsPath(string value) =>
        value.Contains('/', StringComparison.Ordinal) || value.Contains('\\', StringComparison.Ordinal) || value.StartsWith('.');

    private static Option<string> Value(string name, string helpName, string description) => new(name) { Description = description, HelpName = helpName };
}
