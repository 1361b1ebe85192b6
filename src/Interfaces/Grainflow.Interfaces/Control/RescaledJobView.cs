namespace Grainflow.Interfaces.Control;

/// <summary>Answer of POST /jobs/{jobId}/rescale: the job runs again with the new parallelism.</summary>
/// <param name="JobId">The job.</param>
/// <param name="Parallelism">Its parallelism now.</param>
/// <param name="Savepoint">The savepoint its state moved through (kept, like every savepoint, until deleted).</param>
/// <param name="CheckpointId">The savepoint's checkpoint id: the job resumed from exactly there.</param>
/// <param name="PauseMs">From the request to every task running again: how long the job did not process.</param>
/// <param name="Warnings">What the restart found worth saying.</param>
public sealed record RescaledJobView(string JobId, int Parallelism, string Savepoint, long CheckpointId, double PauseMs, IReadOnlyList<string> Warnings);
