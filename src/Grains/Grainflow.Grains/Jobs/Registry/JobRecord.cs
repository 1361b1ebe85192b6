namespace Grainflow.Grains.Jobs.Registry;

/// <summary>One job the cluster remembers: what it runs, and whether it should still run.</summary>
/// <param name="Spec">Everything needed to start the job again on any silo (definition, parameters, checkpoint location).</param>
/// <param name="RunId">
/// This start of the job. A job id started again gets a new one, so that news about an earlier run (its end, seen late
/// by a supervisor) never ends the new one.
/// </param>
/// <param name="State">Whether the cluster keeps it running.</param>
/// <param name="StartedAt">When it was started.</param>
/// <param name="EndedAt">When the cluster saw it end; null while running.</param>
/// <param name="Message">How it ended; null while running.</param>
[GenerateSerializer]
public sealed record JobRecord(JobSpec Spec, Guid RunId, JobRunState State, DateTimeOffset StartedAt, DateTimeOffset? EndedAt = null, string? Message = null)
{
    /// <summary>The job's id.</summary>
    public string JobId => Spec.JobId;
}
