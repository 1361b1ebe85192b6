namespace Grainflow.Interfaces.Control;

/// <summary>One job the cluster remembers (GET /jobs).</summary>
/// <param name="JobId">The job's id.</param>
/// <param name="Definition">Its definition's name.</param>
/// <param name="State">
/// <see cref="JobStates.Running"/> (the cluster keeps it running, restarting it from its checkpoints when its
/// coordinator is lost), <see cref="JobStates.Finished"/>, <see cref="JobStates.Stopped"/> or <see cref="JobStates.Failed"/>.
/// </param>
/// <param name="StartedAt">When it was started.</param>
/// <param name="EndedAt">When the cluster saw it end; null while running.</param>
/// <param name="Message">How it ended; null while running.</param>
public sealed record JobSummaryView(string JobId, string Definition, string State, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, string? Message);
