using System.Globalization;
using Grainflow.Grains.Jobs;
using Grainflow.Grains.WordCount;
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
internal sealed record WordCountSpec(JobSpec Spec, string Input, string Checkpoints)
{
    public static async Task<WordCountSpec> CreateAsync(WordCountSettings settings, string jobId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var outputDirectory = RunPreconditions.WritableDirectory(settings.OutputDirectory, "--output");
        var checkpoints = settings switch
        {
            { CheckpointStore: { } connectionString } =>
                await BlobCheckpointTarget.PrepareAsync(connectionString, settings.CheckpointContainer, jobId, cancellationToken),
            { CheckpointStoreUrl: { } url } =>
                await BlobCheckpointTarget.PrepareAsync(url, settings.CheckpointContainer, jobId, cancellationToken),
            _ => CheckpointTarget.ForDirectory(settings.CheckpointDirectory!, "--checkpoint-dir"),
        };
        var (parameters, input) = Parameters(settings, outputDirectory);
        var spec = new JobSpec(
            WordCountJob.DefinitionName,
            jobId,
            parameters,
            checkpoints.Location,
            new JobOptions { CheckpointInterval = settings.CheckpointInterval, AllowDuplicateOutput = settings.AllowDuplicateOutput },
            new RestoreRequest(settings.FromSavepoint, settings.AllowNonRestoredState).Resolve(checkpoints.Location));
        return new WordCountSpec(spec, input, checkpoints.Description);
    }

    private static (Dictionary<string, string> Parameters, string Input) Parameters(WordCountSettings settings, string outputDirectory)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [WordCountJob.OutputParameter] = outputDirectory,
            [WordCountJob.ParallelismParameter] = settings.Parallelism.ToString(CultureInfo.InvariantCulture),
        };
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
