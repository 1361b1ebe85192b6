namespace Grainflow.Streams.Log.Partitions;

/// <summary>An append waiting in a partition's commit queue, and the task its caller awaits.</summary>
internal sealed class PendingAppend(LogAppend append)
{
    public LogAppend Append { get; } = append;

    public TaskCompletionSource<LogAppendResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The outcome decided while writing, delivered once the group is durable.</summary>
    public LogAppendResult? Result { get; set; }

    public Exception? Error { get; set; }
}
