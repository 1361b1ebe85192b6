namespace Grainflow.Benchmarks.Cluster;

/// <summary>
/// One <c>kill -9</c> of a silo of the running job, timed from the kill: until the cluster declared the silo dead (the
/// job restarting, its restart count up, or its coordinator elsewhere), until the job processed again (a checkpoint
/// triggered after the kill completed, by the silos' own clocks), and until it caught up with the input fed meanwhile
/// (read to within two feeder ticks of what was appended); null where that did not happen before the deadline.
/// </summary>
internal sealed record RecoveryOutcome(
    string Victim,
    int VictimTasks,
    int Tasks,
    bool VictimRanCoordinator,
    TimeSpan? DeclaredDead,
    TimeSpan? ProcessingAgain,
    TimeSpan? CaughtUp,
    int FeedLinesPerSecond);
