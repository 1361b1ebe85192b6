namespace Grainflow.Grains.Streaming;

/// <summary>Why a job's tasks stopped running (a task failed, or starting them failed), for the restart that follows.</summary>
/// <param name="Message">One line for the log and, if the job fails, its outcome.</param>
/// <param name="IsLasting">
/// No restart can get past it (input the job cannot read as it is; see <see cref="Grainflow.Streaming.Execution.TaskFailure.IsLasting"/>):
/// the job fails at once instead of trying the restart strategy's attempts on it.
/// </param>
internal sealed record RestartCause(string Message, bool IsLasting);
