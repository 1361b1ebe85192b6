using System.Globalization;
using Grainflow.Grains.Hosting;
using Grainflow.Grains.Jobs;
using Grainflow.Grains.WordCount;
using Grainflow.Silo.CommandLine;
using Grainflow.Silo.Faults;
using Grainflow.Silo.Hosting;
using Grainflow.Streaming.Checkpointing.Storage;
using Grainflow.Streaming.Execution;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Grainflow.Silo.Jobs;

/// <summary>
/// <c>grainflow-silo wordcount</c>: checks the files, runs the job to its end (resuming from the latest
/// checkpoint if there is one), and reports. Exit 0 once the input is consumed and the final checkpoint committed.
/// </summary>
internal static class WordCountRun
{
    public static async Task<int> RunAsync(SiloSettings silo, WordCountSettings settings, TextWriter output, CancellationToken cancellationToken)
    {
        var outputDirectory = RunPreconditions.WritableDirectory(settings.OutputDirectory, "--output");
        var checkpoints = settings switch
        {
            { CheckpointStore: { } connectionString } =>
                await BlobCheckpointTarget.PrepareAsync(connectionString, settings.CheckpointContainer, WordCountJob.JobId, cancellationToken),
            { CheckpointStoreUrl: { } url } =>
                await BlobCheckpointTarget.PrepareAsync(url, settings.CheckpointContainer, WordCountJob.JobId, cancellationToken),
            _ => CheckpointTarget.ForDirectory(settings.CheckpointDirectory!, "--checkpoint-dir"),
        };
        var (parameters, input) = Parameters(settings, outputDirectory);
        var spec = new JobSpec(
            WordCountJob.DefinitionName,
            WordCountJob.JobId,
            parameters,
            checkpoints.Location,
            new JobOptions { CheckpointInterval = settings.CheckpointInterval, AllowDuplicateOutput = settings.AllowDuplicateOutput },
            new RestoreRequest(settings.FromSavepoint, settings.AllowNonRestoredState).Resolve(checkpoints.Location));

        await output.WriteLineAsync($"[wordcount] input {input}, output {outputDirectory}, checkpoints {checkpoints.Description}, " +
            $"interval {DurationParser.Format(settings.CheckpointInterval)}, {settings.Parallelism} counting tasks");
        var outcome = await StreamJobHost.RunAsync(silo, spec, grainflow => OpenCheckpoints(grainflow, checkpoints, output), output, cancellationToken);
        return await ReportAsync(outcome, output, bounded: settings.InputLog is null);
    }

    /// <summary>How this silo opens checkpoint locations: directories by path, the blob container as checked at start; both with the test fault hook.</summary>
    public static void OpenCheckpoints(GrainflowOptions grainflow, CheckpointTarget checkpoints, TextWriter output)
    {
        grainflow.AddCheckpointStorage(CheckpointLocation.LocalKind, (_, location) =>
            PausingCheckpointStorage.WrapIfRequested(new LocalCheckpointStorage(location.Address), output));
        if (checkpoints.Location.Kind != CheckpointLocation.LocalKind)
        {
            grainflow.AddCheckpointStorage(checkpoints.Location.Kind, (services, _) =>
                PausingCheckpointStorage.WrapIfRequested(checkpoints.CreateStorage(services.GetRequiredService<ILoggerFactory>()), output));
        }
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

    /// <summary>Says how the job ended; the exit code. A signal ends an unbounded job as it should; a bounded one, early.</summary>
    public static async Task<int> ReportAsync(JobOutcome outcome, TextWriter output, bool bounded)
    {
        if (outcome.InvalidInputCount > 0)
        {
            await output.WriteLineAsync(
                $"[wordcount] {outcome.InvalidInputCount:N0} invalid UTF-8 sequences in the input were read as U+FFFD (the replacement character).");
        }

        if (!outcome.Succeeded)
        {
            throw new InvalidOperationException($"The job failed: {outcome.Message}");
        }

        if (outcome.Kind == JobEndKind.Interrupted && bounded)
        {
            await output.WriteLineAsync($"[wordcount] interrupted before the input was consumed: {outcome.Message} Run the same command again to finish.");
            return ExitCodes.Interrupted;
        }

        await output.WriteLineAsync($"[wordcount] done: {outcome.Message}");
        return ExitCodes.Success;
    }
}
