using Grainflow.Grains.Hosting;

namespace Grainflow.Grains.Jobs.Registry;

/// <summary>
/// The job registry: a record per job id, in the grain storage named <see cref="GrainflowOptions.JobStorageName"/>.
/// Ended jobs are kept for <c>grainflow jobs</c>, the oldest dropped beyond <see cref="EndedJobsKept"/>.
/// </summary>
internal sealed class JobRegistryGrain(
    [PersistentState("jobs", GrainflowOptions.JobStorageName)] IPersistentState<JobRegistryState> registry) : Grain, IJobRegistryGrain
{
    /// <summary>How many ended jobs are remembered: enough to see what happened, few enough to keep the record small.</summary>
    internal const int EndedJobsKept = 100;

    // Records show wall-clock times, whatever clock the jobs' processing time runs on.
    private static DateTimeOffset Now => TimeProvider.System.GetUtcNow();

    private Dictionary<string, JobRecord> Jobs => registry.State.Jobs;

    public async Task<JobRecord> RecordStartedAsync(JobSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var record = new JobRecord(spec, Guid.NewGuid(), JobRunState.Running, Now);
        Jobs[spec.JobId] = record;
        DropOldEndedJobs();
        await registry.WriteStateAsync();
        return record;
    }

    public async Task<bool> RecordEndedAsync(string jobId, Guid runId, JobRunState state, string message)
    {
        if (state == JobRunState.Running)
        {
            throw new ArgumentException("An ended job's state cannot be Running.", nameof(state));
        }

        if (!Jobs.TryGetValue(jobId, out var record) || record.RunId != runId || record.State != JobRunState.Running)
        {
            return false;
        }

        Jobs[jobId] = record with { State = state, EndedAt = Now, Message = message };
        await registry.WriteStateAsync();
        return true;
    }

    public async Task<bool> RecordRescaledAsync(JobSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!Jobs.TryGetValue(spec.JobId, out var record) || record.State != JobRunState.Running)
        {
            return false;
        }

        Jobs[spec.JobId] = record with { Spec = spec };
        await registry.WriteStateAsync();
        return true;
    }

    public Task<JobRecord?> GetAsync(string jobId) => Task.FromResult(Jobs.GetValueOrDefault(jobId));

    public Task<IReadOnlyList<JobRecord>> ListAsync() =>
        Task.FromResult<IReadOnlyList<JobRecord>>([.. Jobs.Values.OrderBy(r => r.JobId, StringComparer.Ordinal)]);

    private void DropOldEndedJobs()
    {
        foreach (var old in Jobs.Values.Where(r => r.State != JobRunState.Running).OrderByDescending(r => r.EndedAt).Skip(EndedJobsKept).ToList())
        {
            Jobs.Remove(old.JobId);
        }
    }
}
