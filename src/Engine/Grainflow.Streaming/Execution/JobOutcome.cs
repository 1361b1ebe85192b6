namespace Grainflow.Streaming.Execution;

/// <summary>How a job ended.</summary>
/// <param name="Kind">Finished, stopped on request, or failed.</param>
/// <param name="Message">What happened, for the operator.</param>
/// <param name="LastCheckpointId">The last completed checkpoint.</param>
/// <param name="InvalidInputCount">
/// Input handled the documented way rather than read as it was (e.g. invalid UTF-8 replaced), in all the input the last
/// completed checkpoint covers, counted from the input's start also when the job resumed from a checkpoint.
/// </param>
/// <param name="IsLasting">
/// A failure no restart can get past (input the job cannot read as it is; see <see cref="TaskFailure.IsLasting"/>): the
/// job failed at once, and a host answers as to bad input (the silo exits 2).
/// </param>
[GenerateSerializer]
public sealed record JobOutcome(JobEndKind Kind, string Message, long LastCheckpointId, long InvalidInputCount, bool IsLasting = false)
{
    /// <summary>True unless the job failed.</summary>
    public bool Succeeded => Kind != JobEndKind.Failed;
}

/// <summary>The ways a job ends.</summary>
[GenerateSerializer]
public enum JobEndKind
{
    /// <summary>Every source ended and the final checkpoint committed.</summary>
    Finished,

    /// <summary>Stopped on request (with or without a savepoint).</summary>
    Stopped,

    /// <summary>A task or the coordinator failed.</summary>
    Failed,

    /// <summary>
    /// The host stopped before the job ended (Ctrl+C or SIGTERM): what the last completed checkpoint covers stays
    /// committed, and the next run resumes from it.
    /// </summary>
    Interrupted,
}
