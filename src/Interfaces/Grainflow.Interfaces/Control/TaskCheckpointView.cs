namespace Grainflow.Interfaces.Control;

/// <summary>One task's part of a checkpoint.</summary>
public sealed record TaskCheckpointView(string TaskId, double AlignmentMs, double SynchronousMs, double AsynchronousMs, long StateBytes);
