using System.CommandLine;
using System.CommandLine.Parsing;
using Grainflow.Silo.CommandLine;
using Grainflow.Silo.Jobs;
using Grainflow.Streaming.AzureBlob;

namespace Grainflow.Silo.Commands;

/// <summary><c>grainflow-silo wordcount</c>: the exactly-once running word count over a text file.</summary>
internal sealed class WordCountCommand : Command
{
    private readonly Option<string> _input = new("--input")
    {
        Description = "The UTF-8 text file to count the words of; the job ends once it is read (or use --input-log)",
        HelpName = "file",
    };

    private readonly Option<string> _inputLog = new("--input-log")
    {
        Description = "A segment log whose records are UTF-8 lines (fed by 'grainflow produce'), created if missing; the job runs until stopped",
        HelpName = "dir",
    };

    private readonly Option<string> _fromSavepoint = new("--from-savepoint")
    {
        Description = "Start from this savepoint instead of the latest checkpoint: its name in the checkpoint location, or the path of a local savepoint directory",
        HelpName = "name|dir",
    };

    private readonly Option<bool> _allowNonRestoredState = new("--allow-non-restored-state")
    {
        Description = "With --from-savepoint: start even if the savepoint holds state that no operator of the job claims (that state is dropped)",
    };

    private readonly Option<bool> _allowDuplicateOutput = new("--allow-duplicate-output")
    {
        Description = "Start even where exactly-once cannot hold: past a damaged newest checkpoint whose output was committed, or over an output " +
                      "directory holding output newer than the checkpoints; that output is written again. Without it such a start is refused (exit 2)",
    };
    private readonly Option<string> _output = Required("--output", "dir", "The directory the committed output files go to (name = part-*.txt; files starting with '_' or '.' are uncommitted)");
    private readonly Option<string> _checkpointDirectory = new("--checkpoint-dir")
    {
        Description = "Where checkpoints are kept; running the same command again resumes from the latest one (or use --checkpoint-store)",
        HelpName = "dir",
    };

    private readonly Option<string> _checkpointStore = new("--checkpoint-store")
    {
        Description = "Keep checkpoints in Azure Blob Storage instead: an Azure Storage connection string (UseDevelopmentStorage=true for Azurite, " +
                      "an account-key or a SAS connection string); never printed",
        HelpName = "connection-string",
    };

    private readonly Option<Uri> _checkpointStoreUrl = new(BlobCheckpointTarget.UrlOption)
    {
        Description = "Keep checkpoints in Azure Blob Storage, signing in with Microsoft Entra (DefaultAzureCredential: environment, " +
                      "managed identity, Azure CLI, ...): the account's https://<account>.blob.core.windows.net, or a container's URL",
        HelpName = "url",
        CustomParser = ParseStoreUrl,
    };

    private readonly Option<string> _checkpointContainer = new("--checkpoint-container")
    {
        Description = $"The blob container of --checkpoint-store or of an account's --checkpoint-store-url, created if missing [default: {BlobCheckpointStorageOptions.DefaultContainerName}]",
        HelpName = "name",
        CustomParser = ParseContainerName,
    };

    // No DefaultValueFactory: help would print the default a second time, as a TimeSpan.
    private readonly Option<TimeSpan?> _checkpointInterval = new("--checkpoint-interval")
    {
        Description = $"Time between checkpoints ('infinite' for only the final one) [default: {DurationParser.Format(WordCountSettings.DefaultCheckpointInterval)}]",
        HelpName = "duration",
        CustomParser = ParseInterval,
    };

    private readonly Option<int> _parallelism = new("--parallelism")
    {
        Description = "The number of counting tasks (fixed for the life of a checkpoint directory)",
        HelpName = "n",
        DefaultValueFactory = _ => WordCountSettings.DefaultParallelism,
        CustomParser = ParseParallelism,
    };

    public WordCountCommand(SiloCommandOptions siloOptions)
        : base("wordcount", "Count the words of a text file (or a segment log) exactly once, with checkpoints; after a crash, the same command resumes.")
    {
        ArgumentNullException.ThrowIfNull(siloOptions);
        Options.Add(_input);
        Options.Add(_inputLog);
        Options.Add(_output);
        Options.Add(_checkpointDirectory);
        Options.Add(_checkpointStore);
        Options.Add(_checkpointStoreUrl);
        Options.Add(_checkpointContainer);
        Options.Add(_checkpointInterval);
        Options.Add(_parallelism);
        Options.Add(_fromSavepoint);
        Options.Add(_allowNonRestoredState);
        Options.Add(_allowDuplicateOutput);
        Validators.Add(ValidateCombination);
        SetAction((parseResult, cancellationToken) => WordCountRun.RunAsync(
            siloOptions.Read(parseResult),
            new WordCountSettings(
                parseResult.GetValue(_input),
                parseResult.GetRequiredValue(_output),
                parseResult.GetValue(_checkpointDirectory),
                parseResult.GetValue(_checkpointInterval) ?? WordCountSettings.DefaultCheckpointInterval,
                parseResult.GetValue(_parallelism))
            {
                CheckpointStore = parseResult.GetValue(_checkpointStore),
                CheckpointStoreUrl = parseResult.GetValue(_checkpointStoreUrl),
                InputLog = parseResult.GetValue(_inputLog),
                FromSavepoint = parseResult.GetValue(_fromSavepoint),
                AllowNonRestoredState = parseResult.GetValue(_allowNonRestoredState),
                AllowDuplicateOutput = parseResult.GetValue(_allowDuplicateOutput),
                CheckpointContainer = parseResult.GetValue(_checkpointContainer) ?? BlobCheckpointStorageOptions.DefaultContainerName,
            },
            parseResult.InvocationConfiguration.Output,
            cancellationToken));
    }

    private void ValidateCombination(CommandResult result)
    {
        bool Given(Option option) => result.GetResult(option) is not null;
        foreach (var error in WordCountOptionRules.CheckCombination(
            Given(_input), Given(_inputLog), Given(_checkpointDirectory), Given(_checkpointStore), Given(_checkpointStoreUrl), Given(_checkpointContainer),
            Given(_allowNonRestoredState), Given(_fromSavepoint)))
        {
            result.AddError(error);
        }
    }

    private static Option<string> Required(string name, string helpName, string description) => new(name)
    {
        Description = description,
        HelpName = helpName,
        Required = true,
    };

    private static TimeSpan? ParseInterval(ArgumentResult result) =>
        Report(result, WordCountOptionRules.CheckInterval(result.SingleToken(), out var interval)) ? interval : default;

    private static string ParseContainerName(ArgumentResult result)
    {
        var text = result.SingleToken();
        return Report(result, WordCountOptionRules.CheckContainerName(text)) ? text : string.Empty;
    }

    private static Uri? ParseStoreUrl(ArgumentResult result) =>
        Report(result, WordCountOptionRules.CheckStoreUrl(result.SingleToken(), out var url)) ? url : null;

    private static int ParseParallelism(ArgumentResult result) =>
        Report(result, WordCountOptionRules.CheckParallelism(result.SingleToken(), out var parallelism)) ? parallelism : 0;

    private static bool Report(ArgumentResult result, string? error)
    {
        if (error is not null)
        {
            result.AddError(error);
        }

        return error is null;
    }
}
