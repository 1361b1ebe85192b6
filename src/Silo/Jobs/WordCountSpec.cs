using System.Globalization;
using Grainflow.Grains.Jobs;
using Grainflow.Grains.WordCount;
using Grainflow.Silo.CommandLine;
using Grainflow.Streaming.Execution;

namespace Grainflow.Silo.Jobs;

/// <summary>
/// The one place the wordcount job's settings become its <see cref="JobSpec"/>, for <c>grainflow-silo wordcount</c>
/// and for <c>grainflow job start wordcount</c> alike: checks the input, output and checkpoint location first (each
/// failure a <see cref="CommandLine.UsageException"/> saying what to fix), then builds the spec.
/// </summary>
/// <param name="Spec">The job.</param>
/// <param name="Input">The input, for messages.</param>
/// <param name="Checkpoints">Where the checkpoints go, for messages (no secret in it).</param>
/// <param name="Output">The output, for messages.</param>
internal sealed record WordCountSpec(JobSpec Spec, string Input, string Checkpoints, string Output)
{
    public static async Task<WordCountSpec> CreateAsync(WordCountSettings settings, string jobId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var (outputParameters, output) = await OutputParametersAsync(settings, jobId, cancellationToken);
        var checkpoints = settings switch
        {
            { CheckpointStore: { } connectionString } =>
                await BlobCheckpointTarget.PrepareAsync(connectionString, settings.CheckpointContainer, jobId, cancellationToken),
            { CheckpointStoreUrl: { } url } =>
                await BlobCheckpointTarget.PrepareAsync(url, settings.CheckpointContainer, jobId, cancellationToken),
            _ => CheckpointTarget.ForDirectory(settings.CheckpointDirectory!, "--checkpoint-dir"),
        };
        var (parameters, input) = Parameters(settings, outputParameters);
        var spec = new JobSpec(
            WordCountJob.DefinitionName,
            jobId,
            parameters,
            checkpoints.Location,
            new JobOptions { CheckpointInterval = settings.CheckpointInterval, AllowDuplicateOutput = settings.AllowDuplicateOutput },
            new RestoreRequest(settings.FromSavepoint, settings.AllowNonRestoredState).Resolve(checkpoints.Location));
        return new WordCountSpec(spec, input, checkpoints.Description, output);
    }

    private static async Task<(KeyValuePair<string, string>[] Parameters, string Output)> OutputParametersAsync(
        WordCountSettings settings, string jobId, CancellationToken cancellationToken)
    {
        if (settings.OutputStream is { } stream)
        {
            var address = StreamAddress("--output-stream", stream);
            return ([new(WordCountJob.OutputStreamParameter, address)], $"stream namespace {address} (read-committed)");
        }

        KeyValuePair<string, string> container = new(WordCountJob.OutputContainerParameter, settings.OutputContainer);
        if (settings.OutputStore is { } connectionString)
        {
            var target = await BlobOutputTarget.ProbeAsync(connectionString, settings.OutputContainer, jobId, cancellationToken);
            return ([new(WordCountJob.OutputStoreParameter, connectionString), container], target);
        }

        if (settings.OutputStoreUrl is { } url)
        {
            var target = await BlobOutputTarget.ProbeAsync(url, settings.OutputContainer, jobId, cancellationToken);
            return ([new(WordCountJob.OutputStoreUrlParameter, url.ToString()), container], target);
        }

        var directory = RunPreconditions.WritableDirectory(settings.OutputDirectory!, "--output");
        return ([new(WordCountJob.OutputParameter, directory)], directory);
    }

    private static string StreamAddress(string option, string text) =>
        WordCountOptionRules.CheckStreamAddress(option, text, out var address) is { } error ? throw new UsageException(error) : address.ToString();

    private static (Dictionary<string, string> Parameters, string Input) Parameters(WordCountSettings settings, KeyValuePair<string, string>[] output)
    {
        var parameters = new Dictionary<string, string>(output, StringComparer.Ordinal)
        {
            [WordCountJob.ParallelismParameter] = settings.Parallelism.ToString(CultureInfo.InvariantCulture),
        };
        if (settings.InputStream is { } stream)
        {
            var address = StreamAddress("--input-stream", stream);
            parameters[WordCountJob.InputStreamParameter] = address;
            return (parameters, $"stream namespace {address} (runs until stopped)");
        }

        if (settings.InputLog is { } logDirectory)
        {
            var directory = RunPreconditions.WritableDirectory(logDirectory, "--input-log");
            parameters[WordCountJob.InputLogParameter] = directory;
            return (parameters, $"segment log {directory} (runs until stopped)");
        }

        var input = RunPreconditions.ReadableFile(settings.InputPath!, "--input");
        parameters[WordCountJob.InputParameter] = input;
        return (parameters, input);
    }
}
