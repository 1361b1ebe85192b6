namespace Grainflow.Streaming.Execution;

/// <summary>Where a job is in its life.</summary>
public enum JobRunState
{
    /// <summary>Restoring state and rewinding sources.</summary>
    Recovering,

    /// <summary>Processing records.</summary>
    Running,

    /// <summary>Ended; see <see cref="RunningJob.Outcome"/>.</summary>
    Ended,
}
