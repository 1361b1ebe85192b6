namespace Grainflow.Streaming.Execution;

/// <summary>
/// How a job recovers from a failed or lost task (a silo died, a task threw, a call timed out): every task rolls
/// back to the last completed checkpoint and the job goes on. As Flink's failure-rate strategy with an exponential
/// delay: at most <see cref="MaxRestarts"/> restarts within any <see cref="Window"/>, else the job fails; the
/// delay before a restart starts at <see cref="InitialDelay"/> and doubles with each restart that no completed
/// checkpoint followed, up to <see cref="MaxDelay"/>.
/// </summary>
[GenerateSerializer]
public sealed record RestartStrategy
{
    /// <summary>10 restarts in 10 minutes, 250 ms doubling up to 10 s: a lost silo costs a fraction of a second, a task that fails every time ends the job within a minute.</summary>
    public static RestartStrategy Default { get; } = new();

    /// <summary>No restarts: the first failure fails the job.</summary>
    public static RestartStrategy None { get; } = new() { MaxRestarts = 0 };

    /// <summary>Restarts allowed within <see cref="Window"/>; 0 fails the job on its first failure. Default 10.</summary>
    [Id(0)]
    public int MaxRestarts { get; init; } = 10;

    /// <summary>The window <see cref="MaxRestarts"/> counts over. Default 10 minutes.</summary>
    [Id(1)]
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The delay before the first restart after a completed checkpoint. Default 250 ms.</summary>
    [Id(2)]
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest delay between restarts. Default 10 s.</summary>
    [Id(3)]
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(10);
}
