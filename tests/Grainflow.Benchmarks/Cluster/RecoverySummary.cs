namespace Grainflow.Benchmarks.Cluster;

/// <summary>The state the job held when the first silo was killed, each kill's timings, and the rescale onto a joined silo (null when the kills did not recover).</summary>
internal sealed record RecoverySummary(long Keys, long StateBytes, IReadOnlyList<RecoveryOutcome> Kills, RescaleOutcome? Rescale);
