using System.Text;
using Grainflow.Grains.Control;
using Grainflow.Grains.Hosting;
using Grainflow.Grains.Jobs;
using Grainflow.Grains.Jobs.Registry;
using Grainflow.Grains.Streaming;
using Grainflow.Grains.Tests.Cluster;
using Grainflow.Grains.WordCount;
using Grainflow.Interfaces.Control;
using Grainflow.Streaming.Checkpointing.Storage;
using Grainflow.Streaming.Execution;
using Grainflow.Streaming.Sources;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Grainflow.Grains.Tests.Registry;

/// <summary>
/// Jobs started through the registry on a three-silo cluster: the registry's record, the control's answers, and the
/// supervisor that starts a job again from its last checkpoint when its coordinator is lost — and never one that ended.
/// </summary>
public sealed class JobSupervisorTests
{
    private const string Definition = TestJobs.WordCountLogDefinition;

    // Every line holds "alpha" once: after Lines records, its count is Lines exactly once.
    private const int Lines = 300;

    [Fact]
    public async Task StartJob_ThroughJobControl_RunsAndIsRegisteredRunning()
    {
        using var dir = new TempDirectory();
        var options = await JobOptionsAsync(dir);
        await using var cluster = await StartClusterAsync();
        var control = ControlOf(cluster);

        var started = await control.StartJobAsync(new StartJobRequest(Definition, "registered", options));
        await cluster.WaitForStatusAsync("registered", s => s.Phase == JobPhase.Running, "the job runs");
        var record = await cluster.Registry.GetAsync("registered");
        var again = await Assert.ThrowsAsync<JobControlException>(() => control.StartJobAsync(new StartJobRequest(Definition, "registered", options)));
        var unknown = await Assert.ThrowsAsync<JobControlException>(() => control.StartJobAsync(new StartJobRequest("nope")));
        var badId = await Assert.ThrowsAsync<JobControlException>(() => control.StartJobAsync(new StartJobRequest(Definition, "a/b", options)));
        var jobs = await control.ListJobsAsync();

        Assert.Equal(("registered", Definition, null), (started.JobId, started.Definition, started.ResumedFrom));
        Assert.Empty(started.Warnings);
        Assert.Equal((JobRunState.Running, Definition), (record!.State, record.Spec.Definition));
        Assert.Equal((JobControlError.Conflict, "Job 'registered' is already running; stop it first."), (again.Error, again.Message));
        Assert.Equal(record.RunId, (await cluster.Registry.GetAsync("registered"))!.RunId);
        Assert.Equal(
            (JobControlError.Invalid, $"No job definition named 'nope' can be started on this cluster (startable: {Definition})."), (unknown.Error, unknown.Message));
        Assert.Equal(
            (JobControlError.Invalid, "The job id 'a/b' contains '/'; only ASCII letters, digits, '-', '_' and '.' are allowed."), (badId.Error, badId.Message));
        var job = Assert.Single(jobs);
        Assert.Equal(("registered", Definition, JobStates.Running, record.StartedAt, null, null), (job.JobId, job.Definition, job.State, job.StartedAt, job.EndedAt, job.Message));
    }

    [Fact]
    public async Task Stop_ThroughJobControl_RecordedStoppedAndNotStartedAgainWhenItsCoordinatorIsLost()
    {
        using var dir = new TempDirectory();
        await using var cluster = await StartClusterAsync();
        var control = ControlOf(cluster);
        await control.StartJobAsync(new StartJobRequest(Definition, "stopped", await JobOptionsAsync(dir)));
        await cluster.WaitForStatusAsync("stopped", s => s.Phase == JobPhase.Running, "the job runs");

        await control.StopAsync("stopped", savepointName: null);
        var record = await cluster.Registry.GetAsync("stopped");
        await KillCoordinatorSiloAsync(cluster, "stopped");
        await WaitForSupervisionPassesAsync(cluster, passes: 3);

        Assert.Equal((JobRunState.Stopped, "Stopped on request after a final checkpoint."), (record!.State, record.Message));
        await Assert.ThrowsAsync<JobNotFoundException>(() => cluster.Coordinator("stopped").GetStatusAsync(includeTasks: false));
        Assert.Equal(Summary(record), Summary(await cluster.Registry.GetAsync("stopped")));
        Assert.Equal(JobStates.Stopped, (await ControlOf(cluster).ListJobsAsync()).Single().State);
    }

    [Fact]
    public async Task CoordinatorSiloKilled_SupervisorStartsTheJobAgainFromItsLastCheckpoint()
    {
        using var dir = new TempDirectory();
        await using var cluster = await StartClusterAsync();
        await ControlOf(cluster).StartJobAsync(new StartJobRequest(Definition, "supervised", await JobOptionsAsync(dir)));
        var checkpoint = await ReadAllAndCheckpointAsync(cluster, "supervised");
        var record = await cluster.Registry.GetAsync("supervised");

        var killed = await KillCoordinatorSiloAsync(cluster, "supervised");
        var restarted = await WaitForRestartAsync(cluster, "supervised", s => s.CoordinatorSilo != killed);
        var alpha = await cluster.Coordinator("supervised").QueryStateAsync(WordCountJob.CountOperatorId, null, "alpha");

        // The restarted job processes what comes next, each record once: no read loop of the lost run is left.
        await AppendAsync(TestObjects.Get<InMemoryLog>(record!.Spec.Parameters["log"]), Lines);
        await ReadAllAndCheckpointAsync(cluster, "supervised", 2 * Lines);
        var alphaAfter = await cluster.Coordinator("supervised").QueryStateAsync(WordCountJob.CountOperatorId, null, "alpha");

        Assert.Equal(checkpoint, restarted.Checkpoints.LastCompletedCheckpointId);
        Assert.Equal(Lines, restarted.CommittedOffsets.Single().Offset);
        Assert.Equal((true, $"{Lines}"), (alpha.Found, alpha.Value));
        Assert.Equal((true, $"{2 * Lines}"), (alphaAfter.Found, alphaAfter.Value));
        Assert.Equal(Summary(record), Summary(await cluster.Registry.GetAsync("supervised")));
    }

    [Fact]
    public async Task EverySiloRestarted_SupervisorResumesTheJobFromItsLastCheckpoint()
    {
        using var dir = new TempDirectory();
        var options = await JobOptionsAsync(dir);
        var jobStore = new SharedGrainStorage.Store();
        long checkpoint;
        await using (var first = await StartClusterAsync(jobStore))
        {
            await ControlOf(first).StartJobAsync(new StartJobRequest(Definition, "resumed", options));
            checkpoint = await ReadAllAndCheckpointAsync(first, "resumed");
        }

        await using var second = await StartClusterAsync(jobStore);
        var resumed = await WaitForRestartAsync(second, "resumed", _ => true);
        var alpha = await second.Coordinator("resumed").QueryStateAsync(WordCountJob.CountOperatorId, null, "alpha");

        Assert.Equal(checkpoint, resumed.Checkpoints.LastCompletedCheckpointId);
        Assert.Equal((true, $"{Lines}"), (alpha.Found, alpha.Value));
        Assert.Equal(JobRunState.Running, (await second.Registry.GetAsync("resumed"))!.State);
    }

    [Fact]
    public async Task BoundedJob_Finishes_RecordedFinished()
    {
        using var dir = new TempDirectory();
        var input = dir.Sub("input.txt");
        await File.WriteAllTextAsync(input, "a b a\n");
        await using var cluster = await GrainflowTestCluster.StartAsync();
        var spec = TestJobs.WordCount(input, dir.Sub("out"), CheckpointLocation.Directory(dir.Sub("chk")), new JobOptions { CheckpointInterval = Timeout.InfiniteTimeSpan });

        await cluster.Grains.StartRegisteredJobAsync(spec);
        var record = await WaitForRecordAsync(cluster, spec.JobId, r => r.State != JobRunState.Running, "the job is recorded as ended");

        Assert.Equal((JobRunState.Finished, "All input consumed; final checkpoint 1 committed."), (record.State, record.Message));
        Assert.NotNull(record.EndedAt);
    }

    [Fact]
    public async Task RegisteredJob_CannotStartAgain_RecordedFailedWithTheReason()
    {
        using var dir = new TempDirectory();
        await using var cluster = await GrainflowTestCluster.StartAsync();
        var spec = TestJobs.WordCountOverLog(new InMemoryLog(), dir.Sub("out"), new CheckpointLocation("gone", "x"), new JobOptions(), jobId: "unstartable");

        await cluster.Registry.RecordStartedAsync(spec);
        var record = await WaitForRecordAsync(cluster, spec.JobId, r => r.State != JobRunState.Running, "the job is recorded as failed");

        Assert.Equal(
            (JobRunState.Failed, "The job cannot be started again: No checkpoint storage of kind 'gone' is registered on this silo."),
            (record.State, record.Message));
    }

    [Fact]
    public async Task Silo_WithoutJobStorage_RefusesToStartNamingIt()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo.AddGrainflow(TestJobs.Register));
        var cluster = builder.Build();
        Exception? error;
        try
        {
            error = await Record.ExceptionAsync(() => cluster.DeployAsync());
        }
        finally
        {
            await cluster.DisposeAsync();
        }

        var refusal = Assert.IsType<OrleansConfigurationException>(Innermost(error), exactMatch: false);
        Assert.StartsWith(
            "Grainflow keeps the cluster's jobs in the grain storage named 'grainflow-jobs', and this silo has none: register one under GrainflowOptions.JobStorageName",
            refusal.Message,
            StringComparison.Ordinal);
    }

    private static Task<GrainflowTestCluster> StartClusterAsync(SharedGrainStorage.Store? jobStore = null) =>
        GrainflowTestCluster.StartAsync(jobStore: jobStore, jobSpecFactories: [new TestWordCountSpecFactory()]);

    /// <summary>The job control of a live silo, as the control API of any silo would use it.</summary>
    private static IJobControl ControlOf(GrainflowTestCluster cluster) =>
        GrainflowTestCluster.ServicesOf(cluster.Cluster.Silos.First(s => s.IsActive)).GetRequiredService<IJobControl>();

    /// <summary>A log of <see cref="Lines"/> lines and the job's options over it, checkpoints in a directory without the writer lock.</summary>
    private static async Task<Dictionary<string, string>> JobOptionsAsync(TempDirectory dir)
    {
        var log = new InMemoryLog();
        await AppendAsync(log, Lines);

        var storage = new UnlockedCheckpointStorage(new LocalCheckpointStorage(dir.Sub("chk")));
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["log"] = TestObjects.Add(log),
            ["output"] = dir.Sub("out"),
            ["storage"] = TestObjects.Add(storage),
        };
    }

    private static async Task AppendAsync(InMemoryLog log, int lines)
    {
        await using var writer = await log.OpenWriterAsync(0);
        await writer.AppendAsync([.. Enumerable.Range(0, lines).Select(i => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes($"alpha beta{i % 7}"))]);
        await writer.FlushAsync();
    }

    private static async Task<long> ReadAllAndCheckpointAsync(GrainflowTestCluster cluster, string jobId, long offset = Lines)
    {
        await cluster.WaitForStatusAsync(
            jobId, s => s.Phase == JobPhase.Running && s.Sources.Sum(t => t.Position) >= offset, $"the job read the log to {offset}", includeTasks: true);
        return await cluster.CheckpointAsync(jobId);
    }

    /// <summary>Kills the silo the job's coordinator runs on; returns that silo's identity.</summary>
    private static async Task<string> KillCoordinatorSiloAsync(GrainflowTestCluster cluster, string jobId)
    {
        var coordinatorSilo = (await cluster.Coordinator(jobId).GetStatusAsync(includeTasks: false)).CoordinatorSilo;
        await cluster.Cluster.KillSiloAsync(cluster.Cluster.Silos.Single(s => s.SiloAddress.ToString() == coordinatorSilo));
        return coordinatorSilo;
    }

    /// <summary>Polls the coordinator until a new run of the job runs; calls fail while the cluster sees the loss and the supervisor acts.</summary>
    private static async Task<JobStatus> WaitForRestartAsync(GrainflowTestCluster cluster, string jobId, Func<JobStatus, bool> condition)
    {
        using var deadline = new CancellationTokenSource(GrainflowTestCluster.Deadline);
        Exception? last = null;
        while (!deadline.IsCancellationRequested)
        {
            try
            {
                var status = await cluster.Coordinator(jobId).GetStatusAsync(includeTasks: false);
                if (status.Phase == JobPhase.Running && condition(status))
                {
                    return status;
                }
            }
            catch (Exception exception) when (exception is JobNotFoundException or SiloUnavailableException or OrleansMessageRejectionException or TimeoutException)
            {
                last = exception;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(10));
        }

        throw new TimeoutException($"Not within {GrainflowTestCluster.Deadline}: job {jobId} running again. Last error: {last?.Message ?? "none"}.");
    }

    private static async Task<JobRecord> WaitForRecordAsync(GrainflowTestCluster cluster, string jobId, Func<JobRecord, bool> condition, string what)
    {
        using var deadline = new CancellationTokenSource(GrainflowTestCluster.Deadline);
        while (true)
        {
            var record = await cluster.Registry.GetAsync(jobId);
            if (record is not null && condition(record))
            {
                return record;
            }

            if (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"Not within {GrainflowTestCluster.Deadline}: {what}. Last record: {record}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(10));
        }
    }

    /// <summary>Waits until the live silos' supervisors made <paramref name="passes"/> more passes over the registry.</summary>
    private static async Task WaitForSupervisionPassesAsync(GrainflowTestCluster cluster, int passes)
    {
        int Total() => cluster.Cluster.Silos.Where(s => s.IsActive).Sum(s => GrainflowTestCluster.ServicesOf(s).GetRequiredService<JobSupervisor>().Passes);
        var target = Total() + passes;
        using var deadline = new CancellationTokenSource(GrainflowTestCluster.Deadline);
        while (Total() < target)
        {
            Assert.False(deadline.IsCancellationRequested, $"The supervisors made fewer than {passes} passes within {GrainflowTestCluster.Deadline}.");
            await Task.Delay(TimeSpan.FromMilliseconds(10));
        }
    }

    // A record read back has its own copies of the spec's dictionary and options: compare what says which run and how it stands.
    private static (Guid, JobRunState, DateTimeOffset, DateTimeOffset?, string?) Summary(JobRecord? record) =>
        (record!.RunId, record.State, record.StartedAt, record.EndedAt, record.Message);

    private static Exception? Innermost(Exception? exception)
    {
        while (exception?.InnerException is { } inner && exception is not OrleansConfigurationException)
        {
            exception = inner;
        }

        return exception;
    }
}
