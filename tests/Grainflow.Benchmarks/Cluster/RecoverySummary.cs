namespace Grainflow.Benchmarks.Cluster;

/// <summary>The state the job held when the first silo was killed, and each kill's timings.</summary>
internal sealed record RecoverySummary(long Keys, long StateBytes, IReadOnlyList<RecoveryOutcome> Kills);
