using Grainflow.Grains.Jobs;

namespace Grainflow.Grains.Control;

/// <summary>
/// Turns the options a client starts one job definition with (POST /jobs) into the job's <see cref="JobSpec"/>, on
/// the silo that takes the request. Register one per startable definition in the silo's services. It checks what it
/// can before the job starts (an input that cannot be read, a checkpoint store that does not answer), so that a bad
/// option is refused with a message naming it rather than failing the job later.
/// </summary>
public interface IJobSpecFactory
{
    /// <summary>The definition's registered name (<see cref="Hosting.GrainflowOptions.AddJob"/>).</summary>
    string Definition { get; }

    /// <summary>The spec of job <paramref name="jobId"/> started with <paramref name="options"/> (option name without dashes → value).</summary>
    /// <exception cref="JobControlException">A missing, unknown or bad option, or an input or location that cannot be used (Invalid).</exception>
    Task<JobSpec> CreateAsync(string jobId, IReadOnlyDictionary<string, string> options, CancellationToken cancellationToken = default);
}
