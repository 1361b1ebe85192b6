using Grainflow.Grains.Control;
using Grainflow.Grains.Jobs;
using Grainflow.Grains.WordCount;
using Grainflow.Silo.CommandLine;
using Grainflow.Streaming.AzureBlob;

namespace Grainflow.Silo.Jobs;

/// <summary>
/// Starts the wordcount definition from <c>POST /jobs</c>: reads its options (the command line's, without the dashes)
/// by the same rules as <c>grainflow-silo wordcount</c>, then builds the spec with <see cref="WordCountSpec"/>.
/// </summary>
internal sealed class WordCountSpecFactory : IJobSpecFactory
{
    private const string Input = "input";
    private const string InputLog = "input-log";
    private const string InputStream = "input-stream";
    private const string Output = "output";
    private const string OutputStream = "output-stream";
    private const string CheckpointDir = "checkpoint-dir";
    private const string CheckpointStore = "checkpoint-store";
    private const string CheckpointStoreUrl = "checkpoint-store-url";
    private const string CheckpointContainer = "checkpoint-container";
    private const string CheckpointInterval = "checkpoint-interval";
    private const string Parallelism = "parallelism";
    private const string FromSavepoint = "from-savepoint";
    private const string AllowNonRestoredState = "allow-non-restored-state";
    private const string AllowDuplicateOutput = "allow-duplicate-output";

    private static readonly string[] s_options =
    [
        Input, InputLog, InputStream, Output, OutputStream, CheckpointDir, CheckpointStore, CheckpointStoreUrl, CheckpointContainer, CheckpointInterval, Parallelism,
        FromSavepoint, AllowNonRestoredState, AllowDuplicateOutput,
    ];

    public string Definition => WordCountJob.DefinitionName;

    public async Task<JobSpec> CreateAsync(string jobId, IReadOnlyDictionary<string, string> options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            return (await WordCountSpec.CreateAsync(Read(options), jobId, cancellationToken)).Spec;
        }
        catch (UsageException exception)
        {
            throw new JobControlException(JobControlError.Invalid, exception.Message);
        }
    }

    private static WordCountSettings Read(IReadOnlyDictionary<string, string> options)
    {
        if (options.Keys.FirstOrDefault(k => !s_options.Contains(k, StringComparer.Ordinal)) is { } unknown)
        {
            throw new UsageException($"The wordcount job has no option '{unknown}'; its options: {string.Join(", ", s_options)}.");
        }

        bool Given(string name) => options.ContainsKey(name);
        var given = new WordCountOptionsGiven
        {
            Input = Given(Input),
            InputLog = Given(InputLog),
            InputStream = Given(InputStream),
            Output = Given(Output),
            OutputStream = Given(OutputStream),
            CheckpointDirectory = Given(CheckpointDir),
            CheckpointStore = Given(CheckpointStore),
            CheckpointStoreUrl = Given(CheckpointStoreUrl),
            CheckpointContainer = Given(CheckpointContainer),
            AllowNonRestoredState = Switch(options, AllowNonRestoredState),
            FromSavepoint = Given(FromSavepoint),
        };
        if (WordCountOptionRules.CheckCombination(given).FirstOrDefault() is { } combination)
        {
            throw new UsageException(combination);
        }

        var interval = WordCountSettings.DefaultCheckpointInterval;
        var parallelism = WordCountSettings.DefaultParallelism;
        Uri? storeUrl = null;
        Check(options, CheckpointInterval, text => WordCountOptionRules.CheckInterval(text, out interval));
        Check(options, Parallelism, text => WordCountOptionRules.CheckParallelism(text, out parallelism));
        Check(options, CheckpointStoreUrl, text => WordCountOptionRules.CheckStoreUrl(text, out storeUrl));
        Check(options, CheckpointContainer, text => WordCountOptionRules.CheckContainerName(text));
        return new WordCountSettings(options.GetValueOrDefault(Input), options.GetValueOrDefault(Output), options.GetValueOrDefault(CheckpointDir), interval, parallelism)
        {
            InputLog = options.GetValueOrDefault(InputLog),
            InputStream = options.GetValueOrDefault(InputStream),
            OutputStream = options.GetValueOrDefault(OutputStream),
            CheckpointStore = options.GetValueOrDefault(CheckpointStore),
            CheckpointStoreUrl = storeUrl,
            CheckpointContainer = options.GetValueOrDefault(CheckpointContainer) ?? BlobCheckpointStorageOptions.DefaultContainerName,
            FromSavepoint = options.GetValueOrDefault(FromSavepoint),
            AllowNonRestoredState = Switch(options, AllowNonRestoredState),
            AllowDuplicateOutput = Switch(options, AllowDuplicateOutput),
        };
    }

    private static void Check(IReadOnlyDictionary<string, string> options, string name, Func<string, string?> check)
    {
        if (options.TryGetValue(name, out var text) && check(text) is { } error)
        {
            throw new UsageException(error);
        }
    }

    private static bool Switch(IReadOnlyDictionary<string, string> options, string name) => options.GetValueOrDefault(name) switch
    {
        null or "false" => false,
        "true" => true,
        var text => throw new UsageException($"Option '--{name}' is a switch: 'true' or 'false', not '{text}'."),
    };
}
