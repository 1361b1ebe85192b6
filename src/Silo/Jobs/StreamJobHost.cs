using Grainflow.Grains.Streaming;
using Grainflow.Silo.CommandLine;
using Grainflow.Silo.Hosting;
using Grainflow.Streaming.Checkpointing.Savepoints;
using Grainflow.Streaming.Checkpointing.Storage;
using Grainflow.Streaming.Execution;
using Grainflow.Streaming.Graph;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Grainflow.Silo.Jobs;

/// <summary>
/// Runs one stream job on a silo in this process: starts the silo, recovers and starts the job, reports
/// progress until it ends (or Ctrl+C), then stops the silo gracefully.
/// </summary>
internal static class StreamJobHost
{
    public static Task<JobOutcome> RunAsync(
        SiloSettings silo, JobGraph graph, JobOptions options, ICheckpointStorage storage, TextWriter output, CancellationToken cancellationToken) =>
        RunAsync(silo, graph, options, _ => storage, RestoreRequest.Latest, output, cancellationToken);

    /// <summary>Runs the job on checkpoint storage made from the silo's services (e.g. to log through the host's logging).</summary>
    public static async Task<JobOutcome> RunAsync(
        SiloSettings silo,
        JobGraph graph,
        JobOptions options,
        Func<IServiceProvider, ICheckpointStorage> createStorage,
        RestoreRequest restore,
        TextWriter output,
        CancellationToken cancellationToken)
    {
        var builder = SiloHostBuilder.Create(silo);
        builder.Services.AddGrainflowStreaming();
        using var host = builder.Build();
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        await host.StartAsync(cancellationToken);
        try
        {
            var storage = createStorage(host.Services);
            var savepoint = restore.Resolve(storage);
            var job = await StartJobAsync(host.Services.GetRequiredService<StreamJobLauncher>(), graph, options, storage, savepoint, cancellationToken);
            if (job.Restore is { } restored)
            {
                await output.WriteLineAsync($"[{graph.JobId}] resuming from {restored.Description} (taken {restored.Manifest.CompletedAt:u})");
            }

            foreach (var warning in job.Recovery.Warnings)
            {
                await output.WriteLineAsync($"[{graph.JobId}] warning: {warning}");
            }

            await using var progress = new JobProgressReporter(job, output, TimeProvider.System);
            progress.Start();
            using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
            try
            {
                return await job.Outcome.WaitAsync(stopping.Token);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                // Ctrl+C or SIGTERM: what was committed stays; the next run resumes from the last checkpoint.
                return new JobOutcome(JobEndKind.Stopped, "Stopped by a signal; the next run resumes from the last completed checkpoint.", 0, 0);
            }
        }
        finally
        {
            // Not the caller's token: a stop that was asked for must still run to its own bound.
            await host.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<RunningJob> StartJobAsync(
        StreamJobLauncher launcher, JobGraph graph, JobOptions options, ICheckpointStorage storage, SavepointRestore? savepoint, CancellationToken cancellationToken)
    {
        try
        {
            return await launcher.StartAsync(graph, options, storage, savepoint, cancellationToken);
        }
        catch (Exception exception) when (exception is SavepointNotFoundException or SavepointMismatchException)
        {
            throw new UsageException($"{exception.Message} (--from-savepoint)", exception);
        }
        catch (IncompatibleCheckpointException exception)
        {
            throw new UsageException($"{exception.Message} Use another checkpoint location, or delete this one to start the job from scratch.", exception);
        }
    }
}
