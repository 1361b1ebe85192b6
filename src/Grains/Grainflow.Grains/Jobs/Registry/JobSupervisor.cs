using System.Collections.Concurrent;
using System.Threading.Channels;
using Grainflow.Grains.Hosting;
using Grainflow.Grains.Placement;
using Grainflow.Grains.Streaming;
using Grainflow.Streaming.Execution;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grainflow.Grains.Jobs.Registry;

/// <summary>
/// Keeps the cluster's running jobs running. Every <see cref="GrainflowOptions.JobSupervisionInterval"/>, and at once
/// when the cluster's membership changes, it reads the registry and asks each running job's coordinator (in the job's
/// placement slot) to ensure it runs: a fresh activation (its silo died, or the whole cluster restarted) starts the job
/// from its checkpoints. A job that ended is recorded as ended; one that cannot start again for a lasting reason is
/// recorded as failed with that reason, never retried forever. Every silo runs one; only the first active silo (in
/// address order) acts, so that the cluster asks once per tick — two acting for a moment while membership changes
/// is harmless, since ensuring a job runs is idempotent.
/// </summary>
internal sealed partial class JobSupervisor(
    IGrainFactory grains,
    IClusterMembershipService membership,
    ILocalSiloDetails localSilo,
    IOptions<GrainflowOptions> options,
    ILogger<JobSupervisor> logger) : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    /// <summary>In a run of failed attempts to keep a job running, the first and every this-many-th are warnings.</summary>
    internal const int FailureLogInterval = 30;

    // One pending wake-up is enough: a pass reads the registry afresh, whatever woke it.
    private readonly Channel<bool> _wakeUps = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<string, int> _failedAttempts = new(StringComparer.Ordinal);
    private int _registryFailures;
    private int _passes;
    private Task _work = Task.CompletedTask;

    /// <summary>How many passes this silo's supervisor made over the registry (it acts only while it is the first active silo).</summary>
    internal int Passes => Volatile.Read(ref _passes);

    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe(nameof(JobSupervisor), ServiceLifecycleStage.Active, StartAsync, StopAsync);
    }

    public void Dispose() => _stopping.Dispose();

    private Task StartAsync(CancellationToken cancellationToken)
    {
        var stopping = _stopping.Token;
        _work = Task.WhenAll(
            Task.Run(() => TickAsync(stopping), CancellationToken.None),
            Task.Run(() => WatchMembershipAsync(stopping), CancellationToken.None),
            Task.Run(() => SuperviseAsync(stopping), CancellationToken.None));
        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        try
        {
            await _work.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // An ungraceful stop does not wait for a pass in flight; its calls fail with the silo.
        }
    }

    // Real time, whatever clock the jobs' processing time runs on: a manual test clock must not stop supervision.
    private async Task TickAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(options.Value.JobSupervisionInterval);
        _wakeUps.Writer.TryWrite(true);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                _wakeUps.Writer.TryWrite(true);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    // A silo's death may have taken coordinators with it: look at once rather than at the next tick.
    private async Task WatchMembershipAsync(CancellationToken stopping)
    {
        try
        {
            await foreach (var _ in membership.MembershipUpdates.WithCancellation(stopping))
            {
                _wakeUps.Writer.TryWrite(true);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private async Task SuperviseAsync(CancellationToken stopping)
    {
        try
        {
            await foreach (var _ in _wakeUps.Reader.ReadAllAsync(stopping))
            {
                if (!IsActingSilo())
                {
                    continue;
                }

                try
                {
                    await SuperviseOnceAsync(stopping);
                }
                catch (Exception exception) when (!stopping.IsCancellationRequested)
                {
                    // Recording a job's end failed (the registry's storage): the job is still running in the record,
                    // so the next pass sees its outcome again and records it then.
                    LogPassFailed(exception);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private bool IsActingSilo()
    {
        var first = membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active)
            .Select(m => m.SiloAddress)
            .OrderBy(a => a.ToParsableString(), StringComparer.Ordinal)
            .FirstOrDefault();
        return first is null || first.Equals(localSilo.SiloAddress);
    }

    /// <summary>One pass over the registry's running jobs; each job's failure is its own, and is retried next pass.</summary>
    internal async Task SuperviseOnceAsync(CancellationToken stopping)
    {
        var registry = grains.GetJobRegistry();
        IReadOnlyList<JobRecord> jobs;
        try
        {
            jobs = await registry.ListAsync().WaitAsync(stopping);
            _registryFailures = 0;
        }
        catch (Exception exception) when (!stopping.IsCancellationRequested)
        {
            // The registry's silo died or its storage does not answer: the next pass reads it again.
            var failures = ++_registryFailures;
            if (IsLoggedLoudly(failures))
            {
                LogRegistryUnreadable(exception.Message, failures);
            }

            return;
        }

        await Task.WhenAll(jobs.Where(j => j.State == JobRunState.Running).Select(j => KeepRunningAsync(registry, j, stopping)));
        Interlocked.Increment(ref _passes);
    }

    private async Task KeepRunningAsync(IJobRegistryGrain registry, JobRecord job, CancellationToken stopping)
    {
        var coordinator = grains.GetGrain<IJobCoordinatorGrain>(job.JobId);
        try
        {
            var outcome = await TaskSlot.CallInSlotAsync(TaskSlot.OfCoordinator(job.JobId), () => coordinator.EnsureRunningAsync(job.Spec)).WaitAsync(stopping);
            _failedAttempts.TryRemove(job.JobId, out _);
            if (outcome is not null && await registry.RecordEndedAsync(job.JobId, job.RunId, StateOf(outcome.Kind), outcome.Message))
            {
                LogEnded(job.JobId, outcome.Kind, outcome.Message);
            }
        }
        catch (Exception exception) when (JobStartRefusal.Of(exception) is { IsLasting: true } refusal && !stopping.IsCancellationRequested)
        {
            _failedAttempts.TryRemove(job.JobId, out _);
            if (await registry.RecordEndedAsync(job.JobId, job.RunId, JobRunState.Failed, $"The job cannot be started again: {refusal.Message}"))
            {
                LogCannotStart(job.JobId, refusal.Message);
            }
        }
        catch (Exception exception) when (!stopping.IsCancellationRequested)
        {
            var failures = _failedAttempts.AddOrUpdate(job.JobId, 1, static (_, n) => n + 1);
            if (IsLoggedLoudly(failures))
            {
                LogNotRunning(job.JobId, exception.Message, failures);
            }
            else
            {
                LogNotRunningQuietly(job.JobId, exception.Message, failures);
            }
        }
    }

    private static bool IsLoggedLoudly(int failures) => failures == 1 || failures % FailureLogInterval == 0;

    private static JobRunState StateOf(JobEndKind kind) => kind switch
    {
        JobEndKind.Finished => JobRunState.Finished,
        JobEndKind.Stopped or JobEndKind.Interrupted => JobRunState.Stopped,
        _ => JobRunState.Failed,
    };
}
