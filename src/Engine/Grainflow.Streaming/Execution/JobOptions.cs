namespace Grainflow.Streaming.Execution;

/// <summary>How a job runs: checkpointing and batching.</summary>
[GenerateSerializer]
public sealed record JobOptions
{
    /// <summary>Time between checkpoint triggers; <see cref="Timeout.InfiniteTimeSpan"/> turns periodic checkpoints off (a bounded job still takes its final one). Default 1 s.</summary>
    [Id(0)]
    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A checkpoint not complete after this long is aborted and counted as failed. Default 60 s.</summary>
    [Id(1)]
    public TimeSpan CheckpointTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The least time between the end of one checkpoint and the trigger of the next. Default 0.</summary>
    [Id(2)]
    public TimeSpan MinPauseBetweenCheckpoints { get; init; } = TimeSpan.Zero;

    /// <summary>How many completed checkpoints are kept. Default 3.</summary>
    [Id(3)]
    public int RetainedCheckpoints { get; init; } = 3;

    /// <summary>Records per batch sent between tasks. Default 1024.</summary>
    [Id(4)]
    public int BatchSize { get; init; } = 1024;

    /// <summary>How often an unbounded source with nothing to read looks again. Default 50 ms.</summary>
    [Id(5)]
    public TimeSpan SourcePollInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Accept repeated output to get a job going again: recovery may fall back past a damaged checkpoint whose output
    /// was committed (or start empty), and sinks keep committed output newer than the restored checkpoint. Off by
    /// default: such a start is refused, naming the damaged file or the output, so that exactly-once is never traded
    /// silently.
    /// </summary>
    [Id(6)]
    public bool AllowDuplicateOutput { get; init; }

    /// <summary>What the job does when one of its tasks fails or is lost: roll back to the last completed checkpoint and go on, within bounds.</summary>
    [Id(7)]
    public RestartStrategy Restart { get; init; } = RestartStrategy.Default;

    /// <summary>
    /// Credits per channel between tasks: how many batches a task may have sent on a channel that its receiver has not
    /// processed yet. It bounds what a receiver buffers (a channel held back by barrier alignment stops its sender, and
    /// in turn that sender's own inputs), so a receiver holds at most this many batches per input channel. Default 32:
    /// several reads of a text source (1,024 lines, about 5 batches per receiver at parallelism 2), so that a source
    /// seldom waits while a checkpoint's upload takes a core (full-size streaming harness at a million keys: 2.25 M
    /// words/s with checkpoints at 16 credits, 2.48 M at 32; quick runs at 8 ran no faster than before credit).
    /// </summary>
    [Id(8)]
    public int ChannelCredits { get; init; } = 32;
}
