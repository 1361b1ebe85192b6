using Grainflow.Grains.WordCount;
using Grainflow.Silo.CommandLine;
using Grainflow.Silo.Hosting;
using Grainflow.Streaming.Execution;

namespace Grainflow.Silo.Jobs;

/// <summary>
/// <c>grainflow-silo wordcount</c>: checks the files, runs the job to its end (resuming from the latest
/// checkpoint if there is one), and reports. Exit 0 once the input is consumed and the final checkpoint committed.
/// </summary>
internal static class WordCountRun
{
    public static async Task<int> RunAsync(SiloSettings silo, WordCountSettings settings, TextWriter output, CancellationToken cancellationToken)
    {
        var job = await WordCountSpec.CreateAsync(settings, WordCountJob.JobId, cancellationToken);
        await output.WriteLineAsync($"[wordcount] input {job.Input}, output {job.Output}, checkpoints {job.Checkpoints}, " +
            $"interval {DurationParser.Format(settings.CheckpointInterval)}, {settings.Parallelism} counting tasks");
        var outcome = await StreamJobHost.RunAsync(silo, job.Spec, grainflow => SiloCheckpointStorages.Register(grainflow, output), output, cancellationToken);
        return await ReportAsync(outcome, output, bounded: settings.IsBounded);
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
