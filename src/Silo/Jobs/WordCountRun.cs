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
        JobOutcome outcome;
        try
        {
            var job = await WordCountSpec.CreateAsync(settings, WordCountJob.JobId, cancellationToken);
            await output.WriteLineAsync($"[wordcount] input {job.Input}, output {job.Output}, checkpoints {job.Checkpoints}, " +
                $"interval {DurationParser.Format(settings.CheckpointInterval)}, {settings.Parallelism} counting tasks");
            outcome = await StreamJobHost.RunAsync(silo, job.Spec, grainflow => SiloCheckpointStorages.Register(grainflow, output), output, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // A signal before the silo started (while the locations were checked): the same answer as a later one.
            outcome = new JobOutcome(JobEndKind.Interrupted, "Stopped by a signal before the job started; nothing was read.", 0, 0);
        }

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
            // Input no restart can get past: an answer to bad input (exit 2), not a failure of the run (exit 1).
            throw outcome.IsLasting
                ? new UsageException($"The job failed on its input: {outcome.Message}")
                : new InvalidOperationException($"The job failed: {outcome.Message}");
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
