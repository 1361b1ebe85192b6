using System.Collections.Concurrent;

namespace Grainflow.Streaming.Execution;

/// <summary>The jobs of this silo, by id. A singleton service; thread-safe.</summary>
public sealed class JobRegistry
{
    private readonly ConcurrentDictionary<string, RunningJob> _jobs = new(StringComparer.Ordinal);

    /// <summary>Adds a job before its grains start.</summary>
    /// <exception cref="InvalidOperationException">A job with the same id is already registered.</exception>
    public void Register(RunningJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (!_jobs.TryAdd(job.Graph.JobId, job))
        {
            throw new InvalidOperationException($"Job '{job.Graph.JobId}' is already running in this silo.");
        }
    }

    /// <summary>The job <paramref name="jobId"/>.</summary>
    /// <exception cref="InvalidOperationException">No such job is registered.</exception>
    public RunningJob Get(string jobId) =>
        _jobs.TryGetValue(jobId, out var job) ? job : throw new InvalidOperationException($"Job '{jobId}' is not running in this silo.");
}
