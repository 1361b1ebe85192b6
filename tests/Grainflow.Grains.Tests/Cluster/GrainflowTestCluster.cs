using Grainflow.Grains.Control;
using Grainflow.Grains.Hosting;
using Grainflow.Grains.Jobs;
using Grainflow.Grains.Jobs.Registry;
using Grainflow.Grains.Streaming;
using Grainflow.Streaming.Execution;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.TestingHost;

namespace Grainflow.Grains.Tests.Cluster;

/// <summary>
/// An in-process Orleans cluster (three silos by default) hosting Grainflow with the test jobs, and the waits the
/// tests need: each polls the coordinator against a deadline, never sleeps for a guess.
/// </summary>
internal sealed class GrainflowTestCluster : IAsyncDisposable
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan s_pollPeriod = TimeSpan.FromMilliseconds(10);

    private GrainflowTestCluster(InProcessTestCluster cluster)
    {
        Cluster = cluster;
    }

    public InProcessTestCluster Cluster { get; }

    public IGrainFactory Grains => Cluster.Client;

    /// <param name="silos">How many silos.</param>
    /// <param name="configure">More Grainflow options.</param>
    /// <param name="log">Where the silos log, at Debug.</param>
    /// <param name="jobStore">
    /// Where the cluster keeps its jobs (the grain storage <see cref="GrainflowOptions.JobStorageName"/>): a store
    /// shared with an earlier cluster is a cluster whose every silo restarted. A new one when null.
    /// </param>
    /// <param name="jobSpecFactories">The definitions each silo's <see cref="IJobControl"/> can start.</param>
    public static async Task<GrainflowTestCluster> StartAsync(
        short silos = 3,
        Action<GrainflowOptions>? configure = null,
        CapturedLog? log = null,
        SharedGrainStorage.Store? jobStore = null,
        IReadOnlyList<IJobSpecFactory>? jobSpecFactories = null)
    {
        var builder = new InProcessTestClusterBuilder(silos);
        var store = jobStore ?? new SharedGrainStorage.Store();
        if (log is not null)
        {
            builder.ConfigureSiloHost((_, host) => host.Logging.AddProvider(log).SetMinimumLevel(LogLevel.Debug));
        }

        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddGrainflow(options =>
            {
                TestJobs.Register(options);
                options.JobSupervisionInterval = SupervisionInterval;
                configure?.Invoke(options);
            });
            silo.Services.AddGrainStorage(GrainflowOptions.JobStorageName, (services, _) => new SharedGrainStorage(store, services.GetRequiredService<Serializer>()));
            foreach (var factory in jobSpecFactories ?? [])
            {
                silo.Services.AddSingleton(factory);
            }
        });
        builder.ConfigureClient(client => client.Services.Configure<ExceptionSerializationOptions>(o => o.SupportedNamespacePrefixes.Add("Grainflow")));
        var cluster = builder.Build();
        await cluster.DeployAsync();

        // Placement spreads a job over the silos that host its grain types: every silo must know every other's.
        await cluster.WaitForClusterManifestToStabilizeAsync();
        return new GrainflowTestCluster(cluster);
    }

    /// <summary>The supervisors' period here: short, so that a lost job is seen quickly whichever silo acts.</summary>
    public static TimeSpan SupervisionInterval { get; } = TimeSpan.FromMilliseconds(200);

    public IJobRegistryGrain Registry => Grains.GetJobRegistry();

    /// <summary>A silo's services (its <see cref="IJobControl"/>, its supervisor).</summary>
    public static IServiceProvider ServicesOf(InProcessSiloHandle silo) => silo.SiloHost.Services;

    public IJobCoordinatorGrain Coordinator(string jobId) => Grains.GetGrain<IJobCoordinatorGrain>(jobId);

    public Task<JobStartResult> StartJobAsync(JobSpec spec) => Grains.StartJobAsync(spec);

    public async Task<JobOutcome> RunToEndAsync(JobSpec spec)
    {
        await StartJobAsync(spec);
        return await WaitForOutcomeAsync(spec.JobId);
    }

    public async Task<JobOutcome> WaitForOutcomeAsync(string jobId) =>
        (await WaitForStatusAsync(jobId, status => status.Outcome is not null, "the job ended")).Outcome!;

    /// <summary>Triggers a checkpoint and waits until it completed; returns its id.</summary>
    public async Task<long> CheckpointAsync(string jobId)
    {
        var id = await Coordinator(jobId).TriggerCheckpointAsync();
        Assert.True(id > 0, "a checkpoint was already in flight, or the job is not running");
        var ended = await WaitForStatusAsync(
            jobId, status => status.Checkpoints.InFlightCheckpointId != id || status.Outcome is not null, $"checkpoint {id} ended");
        Assert.True(
            ended.Checkpoints.LastCompletedCheckpointId >= id,
            $"checkpoint {id} did not complete: {ended.Checkpoints.FailedCount} failed so far, job outcome: {ended.Outcome?.Message ?? "running"}");
        return id;
    }

    /// <summary>Polls the job's status (with its tasks' counters) until <paramref name="condition"/> holds.</summary>
    public async Task<JobStatus> WaitForStatusAsync(string jobId, Func<JobStatus, bool> condition, string what, bool includeTasks = false)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (true)
        {
            JobStatus status;
            try
            {
                status = await Coordinator(jobId).GetStatusAsync(includeTasks);
            }
            catch (TimeoutException) when (!deadline.IsCancellationRequested)
            {
                // After a silo is killed, the test client can still route a call through that silo's gateway until it
                // notices; such a call gets no answer at all. The next poll goes through a live gateway.
                continue;
            }

            if (condition(status))
            {
                return status;
            }

            if (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"Not within {Deadline}: {what}. Last status: {status.Phase}, checkpoints {status.Checkpoints}.");
            }

            await Task.Delay(s_pollPeriod);
        }
    }

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}
