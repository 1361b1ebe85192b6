namespace Grainflow.Interfaces.Control;

/// <summary>Answer of POST /jobs: the job started, and what it resumed from.</summary>
/// <param name="JobId">The running job's id.</param>
/// <param name="Definition">Its definition's name.</param>
/// <param name="ResumedFrom">"checkpoint 12 (taken ...)" or "savepoint v1 (...)"; null for a fresh start.</param>
/// <param name="Warnings">What recovery found worth saying (damaged checkpoints passed over, a savepoint not restored, ...).</param>
public sealed record StartedJobView(string JobId, string Definition, string? ResumedFrom, IReadOnlyList<string> Warnings);
