namespace Grainflow.Streaming.Execution;

/// <summary>How a job ended.</summary>
/// <param name="Succeeded">True when every source ended and the final checkpoint committed.</param>
/// <param name="Message">What happened, for the operator.</param>
/// <param name="LastCheckpointId">The last completed checkpoint.</param>
/// <param name="InvalidInputCount">Input handled the documented way rather than read as it was (e.g. invalid UTF-8 replaced).</param>
public sealed record JobOutcome(bool Succeeded, string Message, long LastCheckpointId, long InvalidInputCount);
