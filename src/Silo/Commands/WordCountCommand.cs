using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
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
        Validators.Add(ValidateInput);
        Validators.Add(ValidateCheckpointLocation);
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

    private void ValidateInput(CommandResult result)
    {
        var file = result.GetResult(_input) is not null;
        var log = result.GetResult(_inputLog) is not null;
        if (file == log)
        {
            result.AddError(file
                ? "Options '--input' and '--input-log' exclude each other; pass one of them."
                : "Pass what to count: '--input <file>' or '--input-log <dir>'.");
        }

        if (result.GetResult(_allowNonRestoredState) is not null && result.GetResult(_fromSavepoint) is null)
        {
            result.AddError("Option '--allow-non-restored-state' applies only with '--from-savepoint'.");
        }
    }

    private void ValidateCheckpointLocation(CommandResult result)
    {
        string[] given = [.. new Option[] { _checkpointDirectory, _checkpointStore, _checkpointStoreUrl }
            .Where(option => result.GetResult(option) is not null)
            .Select(option => $"'{option.Name}'")];
        if (given.Length == 0)
        {
            result.AddError("Pass where checkpoints go: '--checkpoint-dir <dir>', '--checkpoint-store <connection-string>' or '--checkpoint-store-url <url>'.");
        }
        else if (given.Length > 1)
        {
            result.AddError($"Options {string.Join(", ", given[..^1])} and {given[^1]} exclude each other; pass one of them.");
        }
        else if (result.GetResult(_checkpointDirectory) is not null && result.GetResult(_checkpointContainer) is not null)
        {
            result.AddError("Option '--checkpoint-container' applies only with '--checkpoint-store' or '--checkpoint-store-url'.");
        }
    }

    private static Option<string> Required(string name, string helpName, string description) => new(name)
    {
        Description = description,
        HelpName = helpName,
        Required = true,
    };

    private static TimeSpan? ParseInterval(ArgumentResult result)
    {
        var text = result.SingleToken();
        if (DurationParser.TryParse(text, out var interval) && (interval > TimeSpan.Zero || interval == Timeout.InfiniteTimeSpan))
        {
            return interval;
        }

        result.AddError($"Option '--checkpoint-interval' expects a positive duration such as {DurationParser.Forms}, not '{text}'.");
        return default;
    }

    private static string ParseContainerName(ArgumentResult result)
    {
        // The service's rule: 3 to 63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit.
        var text = result.SingleToken();
        if (text.Length is >= 3 and <= 63
            && text.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
            && text[0] != '-' && text[^1] != '-' && !text.Contains("--", StringComparison.Ordinal))
        {
            return text;
        }

        result.AddError($"Option '--checkpoint-container' expects a container name (3 to 63 lower-case letters, digits and single hyphens), not '{text}'.");
        return string.Empty;
    }

    private static Uri? ParseStoreUrl(ArgumentResult result)
    {
        // The value is never echoed: a URL given here by mistake with a SAS would print its signature.
        var text = result.SingleToken();
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps)
        {
            result.AddError($"Option '{BlobCheckpointTarget.UrlOption}' expects an https:// URL, such as https://<account>.blob.core.windows.net.");
            return null;
        }

        if (url.Query.Length > 1)
        {
            result.AddError($"Option '{BlobCheckpointTarget.UrlOption}' takes a URL without a query; pass a SAS with '--checkpoint-store' instead.");
            return null;
        }

        return url;
    }

    private static int ParseParallelism(ArgumentResult result)
    {
        var text = result.SingleToken();
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parallelism) && parallelism is >= 1 and <= 128)
        {
            return parallelism;
        }

        result.AddError($"Option '--parallelism' expects a whole number from 1 to 128, not '{text}'.");
        return 0;
    }
}
