namespace Grainflow.Interfaces.Control;

/// <summary>The states a job reports.</summary>
public static class JobStates
{
    /// <summary>Restoring state and rewinding sources from a checkpoint or savepoint.</summary>
    public const string Recovering = "recovering";

    /// <summary>Processing records.</summary>
    public const string Running = "running";

    /// <summary>A task failed or was lost (its silo died): rolling back to the last completed checkpoint.</summary>
    public const string Restarting = "restarting";

    /// <summary>Every source ended and the final checkpoint committed.</summary>
    public const string Finished = "finished";

    /// <summary>Stopped on request (with or without a savepoint).</summary>
    public const string Stopped = "stopped";

    /// <summary>A task or the coordinator failed.</summary>
    public const string Failed = "failed";
}
