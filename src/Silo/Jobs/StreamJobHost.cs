using Grainflow.Grains.Hosting;
using Grainflow.Grains.Jobs;
using Grainflow.Grains.Jobs.Registry;
using Grainflow.Grains.Streaming;
using Grainflow.Silo.Cluster;
using Grainflow.Silo.CommandLine;
using Grainflow.Silo.Faults;
using Grainflow.Silo.Hosting;
using Grainflow.Silo.Streams;
using Grainflow.Streaming.Execution;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Grainflow.Silo.Jobs;

/// <summary>
/// Runs one stream job on a one-silo Orleans cluster in this process: starts the silo, starts the job through its
/// coordinator grain, reports progress until it ends (or Ctrl+C), then stops the silo gracefully.
/// </summary>
internal static class StreamJobHost
{
    private static readonly TimeSpan s_statusOnSignalTimeout = TimeSpan.FromSeconds(5);

    public static async Task<JobOutcome> RunAsync(
        SiloSettings silo, JobSpec spec, Action<GrainflowOptions>? configureGrainflow, TextWriter output, CancellationToken cancellationToken)
    {
        await StreamStoreProbe.CheckAsync(silo.Streams, cancellationToken);
        await SignalWait.BeforeSiloIfRequestedAsync(output, cancellationToken);
        var builder = SiloHostBuilder.Create(silo, configureGrainflow);
        using var host = builder.Build();
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();

        // Not the caller's token: a signal while the silo starts lets the start finish, then stops it as a later one does.
        await SiloStart.StartAsync(host, silo.Cluster, CancellationToken.None);
        await output.WriteLineAsync(SiloStart.DescribeStreams(host, silo.Streams));
        try
        {
            if (cancellationToken.IsCancellationRequested || lifetime.ApplicationStopping.IsCancellationRequested)
            {
                return new JobOutcome(JobEndKind.Interrupted, "Stopped by a signal before the job started; nothing was read.", 0, 0);
            }

            var coordinator = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IJobCoordinatorGrain>(spec.JobId);
            var started = await StartJobAsync(host.Services.GetRequiredService<IGrainFactory>(), spec);
            if (started.ResumedFrom is { } resumed)
            {
                await output.WriteLineAsync($"[{spec.JobId}] resuming from {resumed}");
            }

            foreach (var warning in started.Warnings)
            {
                await output.WriteLineAsync($"[{spec.JobId}] warning: {warning}");
            }

            using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
            try
            {
                return await new JobProgressReporter(coordinator, spec.JobId, output, TimeProvider.System).WaitForOutcomeAsync(stopping.Token);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                // Ctrl+C or SIGTERM: what was committed stays; the next run resumes from the last checkpoint.
                return await InterruptedAsync(coordinator);
            }
        }
        finally
        {
            // Not the caller's token: a stop that was asked for must still run to its own bound.
            await host.StopAsync(CancellationToken.None);
        }
    }

    // The silo still runs here (it stops in the caller's finally): the coordinator says what its last checkpoint committed.
    private static async Task<JobOutcome> InterruptedAsync(IJobCoordinatorGrain coordinator)
    {
        const string Message = "Stopped by a signal; the next run resumes from the last completed checkpoint.";
        try
        {
            var status = await coordinator.GetStatusAsync(includeTasks: false).WaitAsync(s_statusOnSignalTimeout);
            return status.Outcome ?? new JobOutcome(
                JobEndKind.Interrupted, Message, status.Checkpoints.LastCompletedCheckpointId, status.CommittedOffsets.Sum(o => o.InvalidInputCount));
        }
#pragma warning disable CA1031 // What the job committed is only reported: a coordinator that cannot say must not turn a stop into a failure.
        catch (Exception)
#pragma warning restore CA1031
        {
            return new JobOutcome(JobEndKind.Interrupted, Message, 0, 0);
        }
    }

    // Registered, so that 'grainflow jobs' lists it and 'grainflow stop' records it stopped, as on any cluster.
    private static async Task<JobStartResult> StartJobAsync(IGrainFactory grains, JobSpec spec)
    {
        try
        {
            return (await grains.StartRegisteredJobAsync(spec)).Started;
        }
        catch (Exception exception) when (JobStartRefusal.Of(exception) is { } refusal)
        {
            throw new UsageException(refusal.Message, exception);
        }
    }
}
