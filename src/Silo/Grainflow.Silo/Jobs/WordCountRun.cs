using Grainflow.Grains.WordCount;
using Grainflow.Silo.CommandLine;
using Grainflow.Silo.Faults;
using Grainflow.Silo.Hosting;
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
        var input = RunPreconditions.ReadableFile(settings.InputPath, "--input");
        var outputDirectory = RunPreconditions.WritableDirectory(settings.OutputDirectory, "--output");
        var checkpoints = settings.CheckpointStore is { } connectionString
            ? await BlobCheckpointTarget.PrepareAsync(connectionString, settings.CheckpointContainer, WordCountJob.JobId, cancellationToken)
            : CheckpointTarget.ForDirectory(settings.CheckpointDirectory!, "--checkpoint-dir");
        var graph = WordCountJob.Build(input, outputDirectory, settings.Parallelism);
        var options = new JobOptions { CheckpointInterval = settings.CheckpointInterval };

        await output.WriteLineAsync($"[wordcount] input {input}, output {outputDirectory}, checkpoints {checkpoints.Description}, " +
            $"interval {DurationParser.Format(settings.CheckpointInterval)}, {settings.Parallelism} counting tasks");
        var outcome = await StreamJobHost.RunAsync(
            silo,
            graph,
            options,
            services => PausingCheckpointStorage.WrapIfRequested(checkpoints.CreateStorage(services.GetRequiredService<ILoggerFactory>()), output),
            output,
            cancellationToken);
        return await ReportAsync(outcome, output);
    }

    public static async Task<int> ReportAsync(JobOutcome outcome, TextWriter output)
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

        await output.WriteLineAsync($"[wordcount] done: {outcome.Message}");
        return ExitCodes.Success;
    }
}
