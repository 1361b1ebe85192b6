using Grainflow.Grains.Streaming;
using Grainflow.Silo.CommandLine;
using Grainflow.Silo.Hosting;
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
        RunAsync(silo, graph, options, _ => storage, output, cancellationToken);

    /// <summary>Runs the job on checkpoint storage made from the silo's services (e.g. to log through the host's logging).</summary>
    public static async Task<JobOutcome> RunAsync(
        SiloSettings silo,
        JobGraph graph,
        JobOptions options,
        Func<IServiceProvider, ICheckpointStorage> createStorage,
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
            var job = await StartJobAsync(host.Services.GetRequiredService<StreamJobLauncher>(), graph, options, storage, cancellationToken);
            if (job.RestoredFrom is { } restored)
            {
                await output.WriteLineAsync($"[{graph.JobId}] resuming from checkpoint {restored.CheckpointId} (taken {restored.CompletedAt:u})");
            }

            foreach (var warning in job.Recovery.Warnings)
            {
                await output.WriteLineAsync($"[{graph.JobId}] warning: {warning}");
            }

            await using var progress = new JobProgressReporter(job, output, TimeProvider.System);
            progress.Start();
            using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
            return await job.Outcome.WaitAsync(stopping.Token);
        }
        finally
        {
            // Not the caller's token: a stop that was asked for must still run to its own bound.
            await host.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<RunningJob> StartJobAsync(
        StreamJobLauncher launcher, JobGraph graph, JobOptions options, ICheckpointStorage storage, CancellationToken cancellationToken)
    {
        try
        {
            return await launcher.StartAsync(graph, options, storage, cancellationToken: cancellationToken);
        }
        catch (IncompatibleCheckpointException exception)
        {
            throw new UsageException($"{exception.Message} Use another checkpoint location, or delete this one to start the job from scratch.", exception);
        }
    }
}
