using Grainflow.Grains.WordCount;
using Grainflow.Silo.CommandLine;
using Grainflow.Silo.Faults;
using Grainflow.Silo.Hosting;
using Grainflow.Streaming.Execution;
using Grainflow.Streaming.Graph;
using Grainflow.Streaming.Sources;
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
        var (graph, input) = BuildGraph(settings, outputDirectory);
        var options = new JobOptions { CheckpointInterval = settings.CheckpointInterval };

        await output.WriteLineAsync($"[wordcount] input {input}, output {outputDirectory}, checkpoints {checkpoints.Description}, " +
            $"interval {DurationParser.Format(settings.CheckpointInterval)}, {settings.Parallelism} counting tasks");
        var outcome = await StreamJobHost.RunAsync(
            silo,
            graph,
            options,
            services => PausingCheckpointStorage.WrapIfRequested(checkpoints.CreateStorage(services.GetRequiredService<ILoggerFactory>()), output),
            new RestoreRequest(settings.FromSavepoint, settings.AllowNonRestoredState),
            output,
            cancellationToken);
        return await ReportAsync(outcome, output);
    }

    private static (JobGraph Graph, string Input) BuildGraph(WordCountSettings settings, string outputDirectory)
    {
        if (settings.InputLog is { } logDirectory)
        {
            var directory = RunPreconditions.WritableDirectory(logDirectory, "--input-log");
            var log = SegmentLog.Open(directory, new SegmentLogOptions { CreateIfMissing = true });
            return (WordCountJob.BuildFromLog(log, outputDirectory, settings.Parallelism), $"segment log {directory} (runs until stopped)");
        }

        var input = RunPreconditions.ReadableFile(settings.InputPath!, "--input");
        return (WordCountJob.Build(input, outputDirectory, settings.Parallelism), input);
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
