namespace Grainflow.Streaming.Checkpointing.Storage;

/// <summary>One task's snapshot as recorded in a manifest.</summary>
/// <param name="Task">The operator and key-group range the snapshot covers.</param>
/// <param name="Handle">The snapshot's state file.</param>
[GenerateSerializer]
public sealed record TaskStateRecord(TaskStateKey Task, StateHandle Handle);
