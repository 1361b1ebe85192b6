using System.CommandLine;
using System.CommandLine.Parsing;
using Grainflow.Grains.WordCount;
using Grainflow.Silo.Cluster;
using Grainflow.Silo.CommandLine;
using Grainflow.Silo.Jobs;
using Grainflow.Streaming.AzureBlob;

namespace Grainflow.Silo.Commands;

/// <summary><c>grainflow-silo wordcount</c>: the exactly-once running word count over a text file, a segment log or an Orleans stream.</summary>
internal sealed class WordCountCommand : Command
{
    // A start that finds the writer lease held waits one term of it, plus a second for a renewal still under way.
    private static readonly int s_blobLeaseWaitSeconds = (int)BlobCheckpointStorageOptions.DefaultLeaseDuration.TotalSeconds + 1;

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

    private readonly Option<string> _inputStream = new("--input-stream")
    {
        Description = "An Orleans stream namespace whose events are lines, written <provider>/<namespace> (e.g. grainflow/lines): what Orleans " +
                      "code appends with OnNextAsync, or 'grainflow produce --stream'; the job runs until stopped",
        HelpName = "provider/namespace",
        CustomParser = result => ParseStreamAddress("--input-stream", result),
    };

    private readonly Option<string> _outputStream = new("--output-stream")
    {
        Description = "Write the results (word<TAB>count) to this Orleans stream namespace instead of --output, read-committed: a checkpoint's " +
                      "results become visible once it completed",
        HelpName = "provider/namespace",
        CustomParser = result => ParseStreamAddress("--output-stream", result),
    };

    private readonly Option<string> _outputStore = new(BlobOutputTarget.Option)
    {
        Description = "Write the results to committed blobs in Azure Blob Storage instead of --output (<job>/part-counts-<task>-<checkpoint>.txt, " +
                      "each committed once its checkpoint completed): an Azure Storage connection string (UseDevelopmentStorage=true for Azurite); never printed",
        HelpName = "connection-string",
    };

    private readonly Option<Uri> _outputStoreUrl = new(BlobOutputTarget.UrlOption)
    {
        Description = "The same, signing in with Microsoft Entra (DefaultAzureCredential): the account's https://<account>.blob.core.windows.net, or a container's URL",
        HelpName = "url",
        CustomParser = result => Report(result, WordCountOptionRules.CheckStoreUrl(result.SingleToken(), out var url, BlobOutputTarget.UrlOption, BlobOutputTarget.Option)) ? url : null,
    };

    private readonly Option<string> _outputContainer = new("--output-container")
    {
        Description = $"The blob container of --output-store or of an account's --output-store-url, created if missing [default: {WordCountJob.DefaultOutputContainer}]",
        HelpName = "name",
        CustomParser = result => Report(result, WordCountOptionRules.CheckContainerName(result.SingleToken(), "--output-container")) ? result.SingleToken() : string.Empty,
    };

    private readonly Option<int?> _gatewayPort = PortOption.Create(
        "--gateway-port", "The port Orleans clients (grainflow produce --stream, your apps) connect to; printed at start", "a free port");

    private readonly StreamCommandOptions _streams = new();

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
    private readonly Option<string> _output = new("--output")
    {
        Description = "The directory the committed output files go to (name = part-*.txt; files starting with '_' or '.' are uncommitted), or use --output-stream or --output-store",
        HelpName = "dir",
    };

    private readonly Option<string> _checkpointDirectory = new("--checkpoint-dir")
    {
        Description = "Where checkpoints are kept; running the same command again resumes from the latest one (or use --checkpoint-store)",
        HelpName = "dir",
    };

    private readonly Option<string> _checkpointStore = new("--checkpoint-store")
    {
        Description = "Keep checkpoints in Azure Blob Storage instead: an Azure Storage connection string (UseDevelopmentStorage=true for Azurite, " +
                      "an account-key or a SAS connection string); never printed. One process per job holds a writer lease there: a run after " +
                      $"a crash waits up to {s_blobLeaseWaitSeconds} s for the killed run's lease to expire (a live run's keeps it; exit 2)",
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
        Description = "The number of counting tasks (kept by a checkpoint directory; change it with a savepoint, or grainflow job rescale on a cluster)",
        HelpName = "n",
        DefaultValueFactory = _ => WordCountSettings.DefaultParallelism,
        CustomParser = ParseParallelism,
    };

    public WordCountCommand(SiloCommandOptions siloOptions)
        : base("wordcount", "Count the words of a text file (or a segment log, or an Orleans stream) exactly once, with checkpoints; after a crash, the same command resumes.")
    {
        ArgumentNullException.ThrowIfNull(siloOptions);
        Options.Add(_input);
        Options.Add(_inputLog);
        Options.Add(_inputStream);
        Options.Add(_output);
        Options.Add(_outputStream);
        Options.Add(_outputStore);
        Options.Add(_outputStoreUrl);
        Options.Add(_outputContainer);
        Options.Add(_checkpointDirectory);
        Options.Add(_checkpointStore);
        Options.Add(_checkpointStoreUrl);
        Options.Add(_checkpointContainer);
        Options.Add(_checkpointInterval);
        Options.Add(_parallelism);
        Options.Add(_fromSavepoint);
        Options.Add(_allowNonRestoredState);
        Options.Add(_allowDuplicateOutput);
        Options.Add(_gatewayPort);
        foreach (var option in _streams.All)
        {
            Options.Add(option);
        }

        Validators.Add(ValidateCombination);
        Validators.Add(_streams.Validate);
        SetAction((parseResult, cancellationToken) => WordCountRun.RunAsync(
            siloOptions.Read(parseResult) with
            {
                Cluster = ClusterSettings.OneSiloOnFreePorts with { GatewayPort = parseResult.GetValue(_gatewayPort) },
                Streams = _streams.Read(parseResult),
            },
            new WordCountSettings(
                parseResult.GetValue(_input),
                parseResult.GetValue(_output),
                parseResult.GetValue(_checkpointDirectory),
                parseResult.GetValue(_checkpointInterval) ?? WordCountSettings.DefaultCheckpointInterval,
                parseResult.GetValue(_parallelism))
            {
                CheckpointStore = parseResult.GetValue(_checkpointStore),
                CheckpointStoreUrl = parseResult.GetValue(_checkpointStoreUrl),
                InputLog = parseResult.GetValue(_inputLog),
                InputStream = parseResult.GetValue(_inputStream),
                OutputStream = parseResult.GetValue(_outputStream),
                OutputStore = parseResult.GetValue(_outputStore),
                OutputStoreUrl = parseResult.GetValue(_outputStoreUrl),
                OutputContainer = parseResult.GetValue(_outputContainer) ?? WordCountJob.DefaultOutputContainer,
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
        var given = new WordCountOptionsGiven
        {
            Input = Given(_input),
            InputLog = Given(_inputLog),
            InputStream = Given(_inputStream),
            Output = Given(_output),
            OutputStream = Given(_outputStream),
            OutputStore = Given(_outputStore),
            OutputStoreUrl = Given(_outputStoreUrl),
            OutputContainer = Given(_outputContainer),
            CheckpointDirectory = Given(_checkpointDirectory),
            CheckpointStore = Given(_checkpointStore),
            CheckpointStoreUrl = Given(_checkpointStoreUrl),
            CheckpointContainer = Given(_checkpointContainer),
            AllowNonRestoredState = Given(_allowNonRestoredState),
            FromSavepoint = Given(_fromSavepoint),
        };
        foreach (var error in WordCountOptionRules.CheckCombination(given))
        {
            result.AddError(error);
        }
    }

    private static string ParseStreamAddress(string option, ArgumentResult result)
    {
        var text = result.SingleToken();
        return Report(result, WordCountOptionRules.CheckStreamAddress(option, text, out _)) ? text : string.Empty;
    }

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
